#!/usr/bin/python3
"""Builds the tiny detector graphs TensorDetectorFormatsTest decodes: each outputs fixed values (plus 0 x the
input's mean, so the output has the input's batch size), laid out as a YOLOv5, a YOLOv8/11 and an SSD export.

Run with Debian's python3-numpy and python3-onnx from this directory: /usr/bin/python3 make_tiny_models.py
The outputs are committed beside this script; the expected detections are in the test.

Four boxes in model-input pixels (64x64), labels person, car, dog (tiny.labels):
  0: centre (32,32) 16x16, car 0.72             -> kept
  1: centre (33,32) 16x16, car 0.64             -> suppressed by 0 (same class, IoU 0.88)
  2: centre (16,40) 8x16, person 0.855          -> kept
  3: centre (50,20) 10x10, every class 0.1      -> below the score floor
"""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

BOXES = np.array([[32, 32, 16, 16], [33, 32, 16, 16], [16, 40, 8, 16], [50, 20, 10, 10]], np.float32)
OBJ = np.array([0.9, 0.8, 0.95, 0.2], np.float32)
CLS = np.array([[0.1, 0.8, 0.1], [0.1, 0.8, 0.0], [0.9, 0.05, 0.05], [0.5, 0.5, 0.5]], np.float32)


def model(path, outputs, batch):
    """outputs: name -> constant array with a leading batch dimension of 1."""
    nodes = [
        helper.make_node("ReduceMean", ["images"], ["mean"], axes=[1, 2, 3], keepdims=0),
        helper.make_node("Mul", ["mean", "zero"], ["zeros"]),
        helper.make_node("Reshape", ["zeros", "column"], ["batch_zeros"]),
    ]
    inits = [numpy_helper.from_array(np.array(0, np.float32), "zero"),
             numpy_helper.from_array(np.array([-1, 1, 1], np.int64), "column")]
    infos = []
    for name, value in outputs.items():
        inits.append(numpy_helper.from_array(value, name + "_values"))
        nodes.append(helper.make_node("Add", [name + "_values", "batch_zeros"], [name]))
        infos.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, [batch] + list(value.shape[1:])))
    graph = helper.make_graph(nodes, path, [helper.make_tensor_value_info("images", TensorProto.FLOAT,
                                                                          [batch, 3, 64, 64])], infos, inits)
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="make_tiny_models.py")
    m.ir_version = 8
    onnx.checker.check_model(m)
    onnx.save(m, path)


# YOLOv5: [1, boxes, 5 + classes], fixed batch of 1 (run frame by frame).
model("yolov5_tiny.onnx", {"output0": np.concatenate([BOXES, OBJ[:, None], CLS], 1)[None]}, 1)
# YOLOv8/11: [batch, 4 + classes, boxes], scores are the products above (no objectness), free batch.
model("yolov8_tiny.onnx", {"output0": np.concatenate([BOXES, OBJ[:, None] * CLS], 1).T[None].copy()}, "batch")
# SSD: corners relative to the input, scores with a background column first, free batch.
corners = np.concatenate([BOXES[:, :2] - BOXES[:, 2:] / 2, BOXES[:, :2] + BOXES[:, 2:] / 2], 1) / 64
scores = OBJ[:, None] * CLS
model("ssd_tiny.onnx", {"scores": np.concatenate([1 - scores.max(1, keepdims=True), scores], 1)[None],
                        "boxes": corners[None].astype(np.float32)}, "batch")
