//! The NTU 25-joint body: joint tree, rest bone vectors, joint angles (`Pose`)
//! and forward kinematics. Body frame: x = the body's left, y = up,
//! z = forward; units are metres.

pub(crate) type Vec3 = [f32; 3];
pub(crate) type Mat3 = [[f32; 3]; 3];

pub(crate) const IDENTITY: Mat3 = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];

/// 0-based parent of each joint in a tree rooted at joint 1 (base of spine).
/// The undirected edges are exactly the NTU bone list (LINGCN.md section 2).
pub(crate) const PARENT: [usize; 25] = [
    0, 0, 20, 2, 20, 4, 5, 6, 20, 8, 9, 10, 0, 12, 13, 14, 0, 16, 17, 18, 1, 22, 7, 24, 11,
];

/// Joints in an order where every parent precedes its children.
const ORDER: [usize; 25] = [
    0, 1, 20, 2, 3, 4, 5, 6, 7, 22, 21, 8, 9, 10, 11, 24, 23, 12, 13, 14, 15, 16, 17, 18, 19,
];

/// Rest-pose vector from the parent to each joint (standing, arms down).
/// Left-side joints have x > 0; the right side mirrors them.
pub(crate) const REST: [Vec3; 25] = [
    [0.0, 0.0, 0.0],      // 1 base of spine (root)
    [0.0, 0.26, 0.0],     // 2 middle of spine
    [0.0, 0.08, 0.01],    // 3 neck
    [0.0, 0.13, 0.01],    // 4 head
    [0.17, -0.03, -0.01], // 5 left shoulder
    [0.0, -0.27, 0.0],    // 6 left elbow
    [0.0, -0.25, 0.0],    // 7 left wrist
    [0.0, -0.07, 0.01],   // 8 left hand
    [-0.17, -0.03, -0.01],
    [0.0, -0.27, 0.0],
    [0.0, -0.25, 0.0],
    [0.0, -0.07, 0.01],
    [0.08, -0.05, 0.0], // 13 left hip
    [0.0, -0.42, 0.0],  // 14 left knee
    [0.0, -0.40, 0.0],  // 15 left ankle
    [0.0, -0.06, 0.12], // 16 left foot
    [-0.08, -0.05, 0.0],
    [0.0, -0.42, 0.0],
    [0.0, -0.40, 0.0],
    [0.0, -0.06, 0.12],
    [0.0, 0.22, -0.01],   // 21 spine (shoulder centre)
    [0.0, -0.06, -0.03],  // 22 tip of left hand (child of the thumb in the NTU graph)
    [-0.02, -0.02, 0.04], // 23 left thumb
    [0.0, -0.06, -0.03],
    [0.02, -0.02, 0.04],
];

pub(crate) fn rot_x(a: f32) -> Mat3 {
    let (s, c) = a.sin_cos();
    [[1.0, 0.0, 0.0], [0.0, c, -s], [0.0, s, c]]
}

pub(crate) fn rot_y(a: f32) -> Mat3 {
    let (s, c) = a.sin_cos();
    [[c, 0.0, s], [0.0, 1.0, 0.0], [-s, 0.0, c]]
}

pub(crate) fn rot_z(a: f32) -> Mat3 {
    let (s, c) = a.sin_cos();
    [[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]]
}

pub(crate) fn mul(a: &Mat3, b: &Mat3) -> Mat3 {
    let mut r = [[0.0; 3]; 3];
    for (i, row) in r.iter_mut().enumerate() {
        for (j, v) in row.iter_mut().enumerate() {
            *v = (0..3).map(|k| a[i][k] * b[k][j]).sum();
        }
    }
    r
}

pub(crate) fn apply(m: &Mat3, v: &Vec3) -> Vec3 {
    [0, 1, 2].map(|i| m[i][0] * v[0] + m[i][1] * v[1] + m[i][2] * v[2])
}

pub(crate) fn add(a: &Vec3, b: &Vec3) -> Vec3 {
    [a[0] + b[0], a[1] + b[1], a[2] + b[2]]
}

/// Joint angles in radians; `[left, right]` pairs. Positive = the anatomical
/// motion named (flexion forward, abduction outward, adduction inward).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Pose {
    /// Whole-body rotation about the vertical axis.
    pub yaw: f32,
    /// Extra height of the whole body above the floor (jumping).
    pub lift: f32,
    pub spine_bend: f32,
    pub spine_side: f32,
    pub spine_twist: f32,
    pub neck: f32,
    pub shoulder_flex: [f32; 2],
    pub shoulder_abd: [f32; 2],
    pub shoulder_add: [f32; 2],
    pub elbow: [f32; 2],
    pub hip_flex: [f32; 2],
    pub hip_abd: [f32; 2],
    pub knee: [f32; 2],
}

impl Pose {
    /// The mirror image: left and right swapped, sideways angles negated.
    pub(crate) fn mirrored(mut self) -> Pose {
        for pair in [
            &mut self.shoulder_flex,
            &mut self.shoulder_abd,
            &mut self.shoulder_add,
            &mut self.elbow,
            &mut self.hip_flex,
            &mut self.hip_abd,
            &mut self.knee,
        ] {
            pair.swap(0, 1);
        }
        self.yaw = -self.yaw;
        self.spine_side = -self.spine_side;
        self.spine_twist = -self.spine_twist;
        self
    }

    /// Weighted sum `self + w * other` (angles add; used for posture offsets).
    pub(crate) fn plus(mut self, o: &Pose, w: f32) -> Pose {
        let pair = |a: &mut [f32; 2], b: [f32; 2]| {
            a[0] += w * b[0];
            a[1] += w * b[1];
        };
        self.yaw += w * o.yaw;
        self.lift += w * o.lift;
        self.spine_bend += w * o.spine_bend;
        self.spine_side += w * o.spine_side;
        self.spine_twist += w * o.spine_twist;
        self.neck += w * o.neck;
        pair(&mut self.shoulder_flex, o.shoulder_flex);
        pair(&mut self.shoulder_abd, o.shoulder_abd);
        pair(&mut self.shoulder_add, o.shoulder_add);
        pair(&mut self.elbow, o.elbow);
        pair(&mut self.hip_flex, o.hip_flex);
        pair(&mut self.hip_abd, o.hip_abd);
        pair(&mut self.knee, o.knee);
        self
    }

    /// Local rotation of each joint (applied to the vectors to its children).
    fn local(&self) -> [Mat3; 25] {
        let mut l = [IDENTITY; 25];
        l[0] = rot_y(self.yaw);
        l[1] = mul(
            &rot_y(self.spine_twist),
            &mul(&rot_z(self.spine_side), &rot_x(self.spine_bend)),
        );
        l[2] = rot_x(self.neck);
        for side in 0..2 {
            // Mirroring the right side flips the sign of rotations about y and z.
            let m = if side == 0 { 1.0 } else { -1.0 };
            let (shoulder, elbow, hip, knee) = [(4, 5, 12, 13), (8, 9, 16, 17)][side];
            l[shoulder] = mul(
                &rot_y(-m * self.shoulder_add[side]),
                &mul(
                    &rot_z(m * self.shoulder_abd[side]),
                    &rot_x(-self.shoulder_flex[side]),
                ),
            );
            l[elbow] = rot_x(-self.elbow[side]);
            l[hip] = mul(&rot_z(m * self.hip_abd[side]), &rot_x(-self.hip_flex[side]));
            l[knee] = rot_x(self.knee[side]);
        }
        l
    }
}

/// Joint positions and global rotations in the body frame.
pub(crate) struct Posed {
    pub pos: [Vec3; 25],
    pub rot: [Mat3; 25],
}

/// Forward kinematics with per-bone lengths `scale[j]` (multiplies `REST[j]`).
/// The body is then shifted so that its lowest foot joint touches y = 0
/// (plus `pose.lift`), which makes squats lower the hips by kinematics alone.
pub(crate) fn forward(pose: &Pose, scale: &[f32; 25]) -> Posed {
    let local = pose.local();
    let mut pos = [[0.0; 3]; 25];
    let mut rot = [IDENTITY; 25];
    rot[0] = local[0];
    for &j in &ORDER[1..] {
        let p = PARENT[j];
        let bone = REST[j].map(|x| x * scale[j]);
        pos[j] = add(&pos[p], &apply(&rot[p], &bone));
        rot[j] = mul(&rot[p], &local[j]);
    }
    let floor = [14, 15, 18, 19]
        .iter()
        .map(|&j| pos[j][1])
        .fold(f32::MAX, f32::min);
    for p in &mut pos {
        p[1] += pose.lift - floor;
    }
    Posed { pos, rot }
}

/// Unit quaternion (w, x, y, z) of a rotation matrix.
pub(crate) fn quaternion(m: &Mat3) -> [f32; 4] {
    let tr = m[0][0] + m[1][1] + m[2][2];
    let q = if tr > 0.0 {
        let s = (tr + 1.0).sqrt() * 2.0;
        [
            0.25 * s,
            (m[2][1] - m[1][2]) / s,
            (m[0][2] - m[2][0]) / s,
            (m[1][0] - m[0][1]) / s,
        ]
    } else if m[0][0] > m[1][1] && m[0][0] > m[2][2] {
        let s = (1.0 + m[0][0] - m[1][1] - m[2][2]).sqrt() * 2.0;
        [
            (m[2][1] - m[1][2]) / s,
            0.25 * s,
            (m[0][1] + m[1][0]) / s,
            (m[0][2] + m[2][0]) / s,
        ]
    } else if m[1][1] > m[2][2] {
        let s = (1.0 + m[1][1] - m[0][0] - m[2][2]).sqrt() * 2.0;
        [
            (m[0][2] - m[2][0]) / s,
            (m[0][1] + m[1][0]) / s,
            0.25 * s,
            (m[1][2] + m[2][1]) / s,
        ]
    } else {
        let s = (1.0 + m[2][2] - m[0][0] - m[1][1]).sqrt() * 2.0;
        [
            (m[1][0] - m[0][1]) / s,
            (m[0][2] + m[2][0]) / s,
            (m[1][2] + m[2][1]) / s,
            0.25 * s,
        ]
    };
    let n = q.iter().map(|v| v * v).sum::<f32>().sqrt();
    q.map(|v| v / n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist(a: &Vec3, b: &Vec3) -> f32 {
        (0..3).map(|i| (a[i] - b[i]).powi(2)).sum::<f32>().sqrt()
    }

    #[test]
    fn tree_matches_ntu_bones() {
        let bones = crate::data::skeleton::NTU_BONES;
        let mut ours: Vec<(usize, usize)> = (1..25)
            .map(|j| (j.min(PARENT[j]), j.max(PARENT[j])))
            .collect();
        let mut theirs: Vec<(usize, usize)> = bones
            .iter()
            .map(|&(a, b): &(usize, usize)| ((a - 1).min(b - 1), (a - 1).max(b - 1)))
            .collect();
        ours.sort();
        theirs.sort();
        assert_eq!(ours, theirs);
    }

    #[test]
    fn bone_lengths_are_preserved_by_any_pose() {
        let pose = Pose {
            yaw: 0.7,
            spine_bend: 0.9,
            shoulder_flex: [1.2, -0.3],
            shoulder_abd: [0.4, 2.0],
            elbow: [1.5, 0.2],
            hip_flex: [0.8, 0.1],
            knee: [1.1, 0.0],
            ..Pose::default()
        };
        let scale = [1.1; 25];
        let p = forward(&pose, &scale);
        for j in 1..25 {
            let rest = REST[j].iter().map(|v| v * v).sum::<f32>().sqrt() * 1.1;
            assert!(
                (dist(&p.pos[j], &p.pos[PARENT[j]]) - rest).abs() < 1e-5,
                "joint {}",
                j + 1
            );
        }
    }

    #[test]
    fn raising_left_arm_forward_moves_hand_forward_and_up() {
        let rest = forward(&Pose::default(), &[1.0; 25]);
        let pose = Pose {
            shoulder_flex: [std::f32::consts::FRAC_PI_2, 0.0],
            ..Pose::default()
        };
        let up = forward(&pose, &[1.0; 25]);
        assert!(up.pos[7][2] > rest.pos[7][2] + 0.5, "left hand forward");
        assert!(up.pos[7][1] > rest.pos[7][1] + 0.4, "left hand up");
        assert_eq!(up.pos[11], rest.pos[11], "right hand unchanged");
        assert!(rest.pos[4][0] > 0.0 && rest.pos[8][0] < 0.0, "left is +x");
    }
}
