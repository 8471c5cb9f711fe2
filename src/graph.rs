//! The stage DAG (petgraph): input references resolved to stage instances,
//! a deterministic topological order, full cycle paths, and target selection.

use crate::diag::did_you_mean;
use crate::spec::{InputRef, Pipeline, StageDef};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use std::collections::{BTreeSet, BinaryHeap, HashMap};

/// An input resolved to upstream instances: one, or several when a stage
/// without a matrix consumes every instance of a matrix stage (fan-in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub name: String,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Index of the upstream stage in `Pipeline::stages`.
    pub stage: usize,
    /// A single named output, or `None` for all of its outputs.
    pub output: Option<String>,
}

#[derive(Debug)]
pub struct Dag {
    graph: DiGraph<usize, ()>,
    /// Per stage (same index as `Pipeline::stages`), its resolved inputs.
    pub bindings: Vec<Vec<Binding>>,
    /// Stage indices, upstream first; ties keep declaration order.
    pub order: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GraphError {
    #[error("{at}: stage `{stage}` input `{input}` refers to stage `{missing}`, which is not defined{}",
        .hint.as_ref().map(|h| format!("\n  = help: did you mean `{h}`?")).unwrap_or_default())]
    MissingStage {
        at: String,
        stage: String,
        input: String,
        missing: String,
        hint: Option<String>,
    },
    #[error("{at}: stage `{stage}` input `{input}`: no instance of `{upstream}` matches its matrix values")]
    NoMatchingInstance {
        at: String,
        stage: String,
        input: String,
        upstream: String,
    },
    /// `line`: where the first stage of the path is defined.
    #[error("{file}:{line}: the stages form a cycle: {}", .path.join(" -> "))]
    Cycle {
        file: String,
        line: usize,
        path: Vec<String>,
    },
    #[error("no stage named `{name}`{}", .hint.as_ref().map(|h| format!(" (did you mean `{h}`?)")).unwrap_or_default())]
    UnknownTarget { name: String, hint: Option<String> },
    #[error("{file}:{line}: stage `{name}` is defined twice (a matrix instance name collides with another stage, or a matrix repeats a value)")]
    Duplicate {
        file: String,
        line: usize,
        name: String,
    },
}

impl Dag {
    pub fn build(pipeline: &Pipeline) -> Result<Dag, GraphError> {
        let stages = &pipeline.stages;
        let file = pipeline.file.display().to_string();
        let mut by_name = HashMap::new();
        for (i, s) in stages.iter().enumerate() {
            if by_name.insert(s.name.as_str(), i).is_some() {
                return Err(GraphError::Duplicate {
                    file,
                    line: s.line,
                    name: s.name.clone(),
                });
            }
        }
        let mut graph = DiGraph::new();
        let nodes: Vec<NodeIndex> = (0..stages.len()).map(|i| graph.add_node(i)).collect();
        let mut bindings = Vec::with_capacity(stages.len());
        for (i, stage) in stages.iter().enumerate() {
            let mut resolved = Vec::new();
            for (input, reference) in &stage.inputs {
                let sources = resolve(stages, &by_name, stage, input, reference, &file)?;
                for s in &sources {
                    graph.update_edge(nodes[s.stage], nodes[i], ());
                }
                resolved.push(Binding {
                    name: input.clone(),
                    sources,
                });
            }
            bindings.push(resolved);
        }
        let order = topological_order(&graph).map_err(|cycle| GraphError::Cycle {
            file,
            line: cycle.first().map_or(0, |&i| stages[i].line),
            path: cycle.into_iter().map(|i| stages[i].name.clone()).collect(),
        })?;
        Ok(Dag {
            graph,
            bindings,
            order,
        })
    }

    /// Direct upstream stages of `stage`.
    pub fn upstream(&self, stage: usize) -> impl Iterator<Item = usize> + '_ {
        self.graph
            .neighbors_directed(NodeIndex::new(stage), Direction::Incoming)
            .map(|n| self.graph[n])
    }

    /// Direct downstream stages of `stage`.
    pub fn downstream(&self, stage: usize) -> impl Iterator<Item = usize> + '_ {
        self.graph
            .neighbors_directed(NodeIndex::new(stage), Direction::Outgoing)
            .map(|n| self.graph[n])
    }

    /// The named targets and everything they need; all stages when `targets` is empty.
    /// A target may be a base name (`linearize`) meaning all its instances.
    pub fn select(
        &self,
        pipeline: &Pipeline,
        targets: &[String],
    ) -> Result<BTreeSet<usize>, GraphError> {
        if targets.is_empty() {
            return Ok((0..pipeline.stages.len()).collect());
        }
        let mut wanted = Vec::new();
        for t in targets {
            let matches: Vec<usize> = (0..pipeline.stages.len())
                .filter(|&i| pipeline.stages[i].name == *t || pipeline.stages[i].base == *t)
                .collect();
            if matches.is_empty() {
                let names = pipeline.stages.iter().map(|s| s.name.as_str());
                let hint = did_you_mean(t, names).map(str::to_string);
                return Err(GraphError::UnknownTarget {
                    name: t.clone(),
                    hint,
                });
            }
            wanted.extend(matches);
        }
        let mut selected = BTreeSet::new();
        while let Some(i) = wanted.pop() {
            if selected.insert(i) {
                wanted.extend(self.upstream(i));
            }
        }
        Ok(selected)
    }

    /// Every stage upstream of `stage` (transitively).
    pub fn ancestors(&self, stage: usize) -> BTreeSet<usize> {
        self.reachable(stage, Direction::Incoming)
    }

    /// Every stage downstream of `stage` (transitively).
    pub fn descendants(&self, stage: usize) -> BTreeSet<usize> {
        self.reachable(stage, Direction::Outgoing)
    }

    fn reachable(&self, stage: usize, direction: Direction) -> BTreeSet<usize> {
        let next = |i: usize| {
            self.graph
                .neighbors_directed(NodeIndex::new(i), direction)
                .map(|n| self.graph[n])
        };
        let mut seen = BTreeSet::new();
        let mut todo: Vec<usize> = next(stage).collect();
        while let Some(i) = todo.pop() {
            if seen.insert(i) {
                todo.extend(next(i));
            }
        }
        seen
    }

    pub fn edges(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.graph
            .edge_references()
            .map(|e| (self.graph[e.source()], self.graph[e.target()]))
    }
}

fn resolve(
    stages: &[StageDef],
    by_name: &HashMap<&str, usize>,
    stage: &StageDef,
    input: &str,
    reference: &InputRef,
    file: &str,
) -> Result<Vec<Source>, GraphError> {
    let output = reference.output.clone();
    if let Some(&exact) = by_name.get(reference.stage.as_str()) {
        return Ok(vec![Source {
            stage: exact,
            output,
        }]);
    }
    let instances: Vec<usize> = (0..stages.len())
        .filter(|&i| stages[i].base == reference.stage)
        .collect();
    if instances.is_empty() {
        let names = stages.iter().map(|s| s.base.as_str());
        return Err(GraphError::MissingStage {
            at: format!("{file}:{}", stage.line),
            stage: stage.name.clone(),
            input: input.to_string(),
            missing: reference.stage.clone(),
            hint: did_you_mean(&reference.stage, names).map(str::to_string),
        });
    }
    // Instances agreeing with this stage on every matrix key they share.
    let agrees = |&i: &usize| {
        stages[i]
            .matrix
            .iter()
            .all(|(k, v)| stage.matrix.get(k).is_none_or(|mine| mine == v))
    };
    let matching: Vec<Source> = instances
        .into_iter()
        .filter(agrees)
        .map(|i| Source {
            stage: i,
            output: output.clone(),
        })
        .collect();
    if matching.is_empty() {
        return Err(GraphError::NoMatchingInstance {
            at: format!("{file}:{}", stage.line),
            stage: stage.name.clone(),
            input: input.to_string(),
            upstream: reference.stage.clone(),
        });
    }
    Ok(matching)
}

/// Kahn's algorithm, smallest index first, so the order is the declaration
/// order wherever the edges allow. On a cycle, returns one full cycle path.
fn topological_order(graph: &DiGraph<usize, ()>) -> Result<Vec<usize>, Vec<usize>> {
    let mut indegree: Vec<usize> = graph
        .node_indices()
        .map(|n| graph.neighbors_directed(n, Direction::Incoming).count())
        .collect();
    let mut ready: BinaryHeap<std::cmp::Reverse<usize>> = (0..indegree.len())
        .filter(|&i| indegree[i] == 0)
        .map(std::cmp::Reverse)
        .collect();
    let mut order = Vec::with_capacity(indegree.len());
    while let Some(std::cmp::Reverse(i)) = ready.pop() {
        order.push(graph[NodeIndex::new(i)]);
        for next in graph.neighbors_directed(NodeIndex::new(i), Direction::Outgoing) {
            indegree[next.index()] -= 1;
            if indegree[next.index()] == 0 {
                ready.push(std::cmp::Reverse(next.index()));
            }
        }
    }
    if order.len() == indegree.len() {
        return Ok(order);
    }
    Err(find_cycle(graph, &indegree))
}

/// Walks backwards through nodes left with incoming edges until one repeats:
/// every such node has an unfinished predecessor, so the walk must loop.
fn find_cycle(graph: &DiGraph<usize, ()>, indegree: &[usize]) -> Vec<usize> {
    let stuck = |n: NodeIndex| indegree[n.index()] > 0;
    let mut node = graph
        .node_indices()
        .find(|&n| stuck(n))
        .expect("a cycle leaves a node");
    let mut path = vec![node];
    loop {
        node = graph
            .neighbors_directed(node, Direction::Incoming)
            .find(|&p| stuck(p))
            .expect("stuck node has a stuck predecessor");
        if let Some(pos) = path.iter().position(|&n| n == node) {
            let mut cycle: Vec<usize> = path[pos..].iter().rev().map(|&n| graph[n]).collect();
            // Start at the first-declared stage, so the message is stable.
            let first = (0..cycle.len())
                .min_by_key(|&i| cycle[i])
                .expect("non-empty");
            cycle.rotate_left(first);
            cycle.push(cycle[0]);
            return cycle;
        }
        path.push(node);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph_of(edges: &[(usize, usize)], n: usize) -> DiGraph<usize, ()> {
        let mut g = DiGraph::new();
        let nodes: Vec<_> = (0..n).map(|i| g.add_node(i)).collect();
        for &(a, b) in edges {
            g.add_edge(nodes[a], nodes[b], ());
        }
        g
    }

    #[test]
    fn order_keeps_declaration_order_when_free() {
        let g = graph_of(&[(2, 0)], 4);
        assert_eq!(topological_order(&g).unwrap(), vec![1, 2, 0, 3]);
    }

    #[test]
    fn cycle_is_reported_as_full_path() {
        // 0 -> 1 -> 2 -> 0, with 3 hanging off it.
        let g = graph_of(&[(0, 1), (1, 2), (2, 0), (2, 3)], 4);
        let cycle = topological_order(&g).unwrap_err();
        assert_eq!(cycle.len(), 4);
        assert_eq!(cycle.first(), cycle.last());
        let mut members = cycle[..3].to_vec();
        members.sort();
        assert_eq!(members, vec![0, 1, 2]);
        for w in cycle.windows(2) {
            assert!(
                g.contains_edge(NodeIndex::new(w[0]), NodeIndex::new(w[1])),
                "{cycle:?}"
            );
        }
    }
}
