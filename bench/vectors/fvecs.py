"""Reading and writing the TEXMEX .fvecs/.ivecs formats (int32 dimension, then the row) shared with the C# bench."""
import numpy as np


def write_vecs(path, array):
    array = np.ascontiguousarray(array)
    rows, dims = array.shape
    out = np.empty((rows, dims + 1), dtype=np.int32)
    out[:, 0] = dims
    out[:, 1:] = array.view(np.int32)
    out.tofile(path)


def read_fvecs(path):
    raw = np.fromfile(path, dtype=np.int32)
    dims = raw[0]
    return raw.reshape(-1, dims + 1)[:, 1:].copy().view(np.float32)


def read_ivecs(path):
    raw = np.fromfile(path, dtype=np.int32)
    dims = raw[0]
    return raw.reshape(-1, dims + 1)[:, 1:].copy()
