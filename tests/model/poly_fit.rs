//! The relu-fit initialisation of polynomial replacement: the least-squares quadratic fit
//! of ReLU from power sums matches closed forms on known distributions, is optimal, and
//! respects the coefficient clamp.

use lingcn::model::rng::SplitMix64;
use lingcn::model::ReluMoments;

/// Midpoint grid of `n` points on [lo, hi]: a deterministic "uniform distribution".
fn grid(lo: f64, hi: f64, n: usize) -> impl Iterator<Item = f64> {
    let h = (hi - lo) / n as f64;
    (0..n).map(move |i| lo + h * (i as f64 + 0.5))
}

/// Seeded samples of N(mu, sigma^2) (Box-Muller).
fn normal(mu: f64, sigma: f64, n: usize) -> Vec<f64> {
    let mut rng = SplitMix64::new(3);
    let mut u = || ((rng.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64;
    (0..n)
        .map(|_| {
            let (u1, u2) = (u(), u());
            mu + sigma * (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
        })
        .collect()
}

fn close(a: &[f64; 3], b: &[f64; 3], tol: f64) -> bool {
    a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tol)
}

#[test]
fn uniform_fit_matches_the_closed_form() {
    // On U(-1, 1): c1 = 1/2; [1 1/3; 1/3 1/5] [c0 a] = [1/4 1/8] -> a = 15/32, c0 = 3/32.
    let m = ReluMoments::from_samples(grid(-1.0, 1.0, 200_000));
    let c = m.fit(f64::INFINITY, f64::INFINITY);
    assert!(close(&c, &[15.0 / 32.0, 0.5, 3.0 / 32.0], 1e-6), "{c:?}");
    // The fit beats the identity and the paper's near-identity start by far.
    assert!(m.mse(&c) < 0.1 * m.mse(&[0.0, 1.0, 0.0]));
    assert!(m.mse(&c) < m.mse(&[0.01 * 0.005, 1.0, 0.0]));
}

#[test]
fn normal_fit_matches_the_closed_form_and_scales() {
    // On N(0, 1): relu ~ k + x/2 + k x^2 with k = 1/(2 sqrt(2 pi)) = 0.19947.
    let k = 1.0 / (2.0 * (std::f64::consts::TAU).sqrt());
    let m = ReluMoments::from_samples(normal(0.0, 1.0, 400_000));
    let c = m.fit(f64::INFINITY, f64::INFINITY);
    assert!(close(&c, &[k, 0.5, k], 0.01), "{c:?}");
    // ReLU is positively homogeneous: on N(0, sigma^2) the fit is k/sigma, 1/2, k sigma.
    let sigma = 3.0;
    let m = ReluMoments::from_samples(normal(0.0, sigma, 400_000));
    let c = m.fit(f64::INFINITY, f64::INFINITY);
    assert!(close(&c, &[k / sigma, 0.5, k * sigma], 0.03), "{c:?}");
}

#[test]
fn the_fit_is_the_least_squares_optimum() {
    // Perturbing any coefficient of the fit on N(0.7, 1.5^2) only increases the error.
    let m = ReluMoments::from_samples(normal(0.7, 1.5, 50_000));
    let c = m.fit(f64::INFINITY, f64::INFINITY);
    let e = m.mse(&c);
    for i in 0..3 {
        for d in [-1e-3, 1e-3] {
            let mut p = c;
            p[i] += d;
            assert!(m.mse(&p) > e, "coef {i} {d}: {} <= {e}", m.mse(&p));
        }
    }
    // The error from the sums equals the directly computed one.
    let xs = normal(0.7, 1.5, 50_000);
    let direct = xs
        .iter()
        .map(|&x| (x.max(0.0) - (c[0] * x * x + c[1] * x + c[2])).powi(2))
        .sum::<f64>()
        / xs.len() as f64;
    assert!((direct - e).abs() < 1e-9, "{direct} vs {e}");
}

#[test]
fn constrained_fit_respects_the_clamp_and_is_optimal_there() {
    // U(-1, 1): the odd and even parts decouple, so with a held at 0.1 the best
    // c1 is still 1/2 and c0 = E[relu] - 0.1 E[x^2] = 1/4 - 0.1/3.
    let m = ReluMoments::from_samples(grid(-1.0, 1.0, 200_000));
    let c = m.fit(0.1, 2.0);
    assert!(close(&c, &[0.1, 0.5, 0.25 - 0.1 / 3.0], 1e-6), "{c:?}");
    let c = m.fit(0.1, 0.3);
    assert!(close(&c, &[0.1, 0.3, 0.25 - 0.1 / 3.0], 1e-6), "{c:?}");
    // A constant input: any line through (x0, relu(x0)); the clamp keeps it finite.
    let m = ReluMoments::from_samples(std::iter::repeat_n(2.0, 10));
    let c = m.fit(0.02, 2.0);
    assert!(
        m.mse(&c) < 1e-12 && c.iter().all(|v| v.is_finite()),
        "{c:?}"
    );
    assert_eq!(ReluMoments::default().fit(0.02, 2.0), [0.0, 1.0, 0.0]);
}
