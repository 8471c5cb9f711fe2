//! Plaintext f64 evaluation of a fused circuit (rayon over samples).

use rayon::prelude::*;

use super::error::FuseError;
use super::ir::{Circuit, Op};

/// A batch of clips, row-major (N, C, T, V, M) as the PyTorch model takes it.
#[derive(Clone, Debug)]
pub struct Input {
    pub n: usize,
    pub c: usize,
    pub t: usize,
    pub v: usize,
    pub m: usize,
    pub data: Vec<f64>,
}

impl Input {
    /// Wraps row-major data, checking its length.
    pub fn new(dims: [usize; 5], data: Vec<f64>) -> Result<Self, FuseError> {
        let [n, c, t, v, m] = dims;
        if data.len() != n * c * t * v * m {
            return Err(FuseError::InvalidShape(format!(
                "input data has {} values, dims {dims:?}",
                data.len()
            )));
        }
        Ok(Input {
            n,
            c,
            t,
            v,
            m,
            data,
        })
    }

    /// Element (n, c, t, v, m).
    pub fn at(&self, n: usize, c: usize, t: usize, v: usize, m: usize) -> f64 {
        self.data[(((n * self.c + c) * self.t + t) * self.v + v) * self.m + m]
    }

    /// Errors unless the per-sample dims are (c, t, v, m).
    pub fn check(&self, c: usize, t: usize, v: usize, m: usize) -> Result<(), FuseError> {
        if (self.c, self.t, self.v, self.m) != (c, t, v, m) {
            return Err(FuseError::InputShape {
                got: [self.n, self.c, self.t, self.v, self.m],
                c,
                t,
                v,
                m,
            });
        }
        Ok(())
    }

    /// Body `m` of sample `n` as a [C, T, V] map.
    pub fn body(&self, n: usize, m: usize) -> Vec<f64> {
        let mut x = Vec::with_capacity(self.c * self.t * self.v);
        for c in 0..self.c {
            for t in 0..self.t {
                x.extend((0..self.v).map(|v| self.at(n, c, t, v, m)));
            }
        }
        x
    }
}

/// Logits [N, classes] of the circuit.
pub fn evaluate(circuit: &Circuit, input: &Input) -> Result<Vec<f64>, FuseError> {
    if circuit.structural {
        return Err(FuseError::Structural);
    }
    circuit.validate()?;
    input.check(
        circuit.input.channels,
        circuit.input.frames,
        circuit.joints,
        circuit.bodies,
    )?;
    let rows: Vec<Vec<f64>> = (0..input.n)
        .into_par_iter()
        .map(|n| sample(circuit, input, n))
        .collect::<Result<_, _>>()?;
    Ok(rows.concat())
}

fn sample(circuit: &Circuit, input: &Input, n: usize) -> Result<Vec<f64>, FuseError> {
    let pool = circuit.pool();
    let mut logits = pool.bias.clone().ok_or(FuseError::Structural)?;
    for m in 0..input.m {
        let values = body_values(circuit, input.body(n, m))?;
        for term in &pool.terms {
            let part = term.apply(&values[term.input], circuit.joints, pool.classes)?;
            logits.iter_mut().zip(part).for_each(|(l, p)| *l += p);
        }
    }
    Ok(logits)
}

/// Every value of one body (`[C, T, V]` each, value 0 = `x`) up to the pool, whose slot is
/// left empty.
pub fn body_values(circuit: &Circuit, x: Vec<f64>) -> Result<Vec<Vec<f64>>, FuseError> {
    let v = circuit.joints;
    let mut values = vec![x];
    for op in &circuit.ops {
        let out = match op {
            Op::Linear(l) => l.apply(&values[l.input], v)?,
            Op::Act(a) => values[a.input]
                .iter()
                .enumerate()
                .map(|(i, &x)| a.nodes[i % v].apply(x))
                .collect(),
            Op::Add(a) => a.apply(&values[a.lhs], &values[a.rhs], v),
            Op::Pool(_) => Vec::new(),
        };
        values.push(out);
    }
    Ok(values)
}
