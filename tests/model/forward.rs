//! Forward shapes, features, pluggable activations and variable names.

use std::cell::RefCell;

use lingcn::model::{Activation, Linear, Relu, StgcnConfig, StgcnModel};
use tch::{Device, Kind, Tensor};

use super::common::{max_abs_diff, tiny_config, torch_lock};

#[test]
fn forward_shapes_and_features() {
    let _g = torch_lock();
    tch::manual_seed(0);
    let m = StgcnModel::new(&tiny_config(7), Device::Cpu).unwrap();
    let x = Tensor::randn([2, 3, 32, 25, 2], (Kind::Float, Device::Cpu));
    let f = m.net.forward_features(&x, false, &Relu).unwrap();
    assert_eq!(f.logits.size(), vec![2, 7]);
    let shapes: Vec<Vec<i64>> = f.blocks.iter().map(|b| b.size()).collect();
    assert_eq!(
        shapes,
        vec![vec![4, 8, 32, 25], vec![4, 16, 16, 25], vec![4, 16, 16, 25]]
    );
}

#[test]
fn wrong_input_shape_is_an_error() {
    let _g = torch_lock();
    let m = StgcnModel::new(&tiny_config(7), Device::Cpu).unwrap();
    let x = Tensor::zeros([2, 3, 32, 24, 2], (Kind::Float, Device::Cpu));
    let err = m
        .net
        .forward_with(&x, false, &Relu)
        .unwrap_err()
        .to_string();
    assert!(err.contains("[2, 3, 32, 24, 2]"), "{err}");
}

/// Records which (block, unit) slots the model calls, in order.
struct Recorder(RefCell<Vec<(usize, usize)>>);

impl Activation for Recorder {
    fn forward(&self, x: &Tensor, block: usize, unit: usize) -> Tensor {
        self.0.borrow_mut().push((block, unit));
        x.relu()
    }
}

#[test]
fn every_unit_goes_through_the_activation() {
    let _g = torch_lock();
    tch::manual_seed(1);
    let m = StgcnModel::new(&tiny_config(5), Device::Cpu).unwrap();
    let x = Tensor::randn([1, 3, 16, 25, 1], (Kind::Float, Device::Cpu));
    let rec = Recorder(RefCell::new(Vec::new()));
    let with_rec = m.net.forward_with(&x, false, &rec).unwrap();
    let expected: Vec<_> = (0..3).flat_map(|b| [(b, 0), (b, 1)]).collect();
    assert_eq!(*rec.0.borrow(), expected);
    // Same numbers as ReLU, different numbers once the activations are removed.
    let relu = m.net.forward_with(&x, false, &Relu).unwrap();
    assert_eq!(max_abs_diff(&with_rec, &relu), 0.0);
    let linear = m.net.forward_with(&x, false, &Linear).unwrap();
    assert!(max_abs_diff(&linear, &relu) > 1e-4);
}

#[test]
fn variable_names_match_the_pytorch_state_dict() {
    let _g = torch_lock();
    let m = StgcnModel::new(&StgcnConfig::stgcn_3_256(), Device::Cpu).unwrap();
    let vars = m.vs.variables();
    let shape = |name: &str| vars.get(name).unwrap_or_else(|| panic!("no {name}")).size();
    assert_eq!(shape("A"), vec![3, 25, 25]);
    assert_eq!(shape("data_bn.running_var"), vec![75]);
    assert_eq!(
        shape("st_gcn_networks.0.gcn.conv.weight"),
        vec![384, 3, 1, 1]
    );
    assert_eq!(
        shape("st_gcn_networks.1.tcn.2.weight"),
        vec![256, 256, 9, 1]
    );
    assert_eq!(
        shape("st_gcn_networks.1.residual.0.weight"),
        vec![256, 128, 1, 1]
    );
    assert_eq!(
        shape("st_gcn_networks.1.residual.1.num_batches_tracked"),
        Vec::<i64>::new()
    );
    assert_eq!(
        vars["st_gcn_networks.2.tcn.3.num_batches_tracked"].kind(),
        Kind::Int64
    );
    assert_eq!(shape("edge_importance.2"), vec![3, 25, 25]);
    assert_eq!(shape("fcn.weight"), vec![60, 256, 1, 1]);
    assert!(!vars.contains_key("st_gcn_networks.0.residual.0.weight"));
    assert!(!vars.contains_key("st_gcn_networks.2.residual.0.weight"));
    // 5 BN tensors x (data_bn + 2 per block + 1 residual BN) + convs + A + edge importance.
    assert_eq!(vars.len(), 5 * 8 + 2 * (3 * 2 + 1) + 2 + 1 + 3);
}

#[test]
fn train_mode_counts_batches() {
    let _g = torch_lock();
    let m = StgcnModel::new(&tiny_config(5), Device::Cpu).unwrap();
    let x = Tensor::randn([2, 3, 16, 25, 1], (Kind::Float, Device::Cpu));
    let _ = m.net.forward_with(&x, true, &Relu).unwrap();
    let _ = m.net.forward_with(&x, true, &Relu).unwrap();
    let _ = m.net.forward_with(&x, false, &Relu).unwrap();
    let n = m.vs.variables()["st_gcn_networks.1.tcn.0.num_batches_tracked"].int64_value(&[]);
    assert_eq!(n, 2);
}
