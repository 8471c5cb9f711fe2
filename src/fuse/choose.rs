//! Which linearized units to merge across. Merging at a site (an all-identity activation, see
//! `rewrite::merge`) saves a level but may densify the linear ops it composes, so every
//! subset of sites is planned on the weightless structure and priced by the fixed reference
//! cost model; the cheapest wins (ties: the smaller depth, then the first subset in order).

use serde::Serialize;

use super::error::FuseError;
use super::ir::Circuit;
use super::plan::{plan, PlanRequest};
use super::rewrite::merge::{merge_linear, sites};

/// More sites than this are not enumerated: all or none is compared instead.
const MAX_ENUMERATED_SITES: usize = 12;

/// One subset of sites that was planned.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MergeOption {
    /// Labels of the activations merged across.
    pub merged: Vec<String>,
    pub depth: u32,
    pub ring_dim: usize,
    pub reference_ms: f64,
}

/// The chosen sites (op indices of `unmerged`) and every option that could be planned; the
/// planner's error when none could.
pub fn cheapest_sites(
    unmerged: &Circuit,
    req: &PlanRequest,
) -> Result<(Vec<usize>, Vec<MergeOption>), FuseError> {
    let all = sites(unmerged);
    let subsets: Vec<Vec<usize>> = if all.len() <= MAX_ENUMERATED_SITES {
        (0..1usize << all.len())
            .map(|mask| {
                (0..all.len())
                    .filter(|i| mask >> i & 1 == 1)
                    .map(|i| all[i])
                    .collect()
            })
            .collect()
    } else {
        vec![Vec::new(), all.clone()]
    };
    let structure = unmerged.structure();
    let mut options = Vec::with_capacity(subsets.len());
    let mut best: Option<(usize, f64, u32)> = None;
    let mut first_error = None;
    for (i, subset) in subsets.iter().enumerate() {
        // A subset too deep for any allowed N is not a candidate; another may fit.
        let p = match plan(&merge_linear(&structure, subset)?, req, None) {
            Ok(p) => p,
            Err(e) => {
                first_error.get_or_insert(e);
                continue;
            }
        };
        let key = (p.reference_ms, p.depth.depth);
        if best.is_none_or(|(_, ms, d)| key.0 < ms || (key.0 == ms && key.1 < d)) {
            best = Some((i, key.0, key.1));
        }
        options.push(MergeOption {
            merged: subset
                .iter()
                .map(|&j| unmerged.ops[j].label().to_string())
                .collect(),
            depth: p.depth.depth,
            ring_dim: p.params.ring_dim,
            reference_ms: p.reference_ms,
        });
    }
    match (best, first_error) {
        (Some((i, _, _)), _) => Ok((subsets[i].clone(), options)),
        (None, Some(e)) => Err(e),
        (None, None) => unreachable!("the empty subset is always tried"),
    }
}
