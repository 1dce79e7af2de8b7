"""Values by copy: what crosses is rebuilt as exactly the base type, and nothing malformed gets through."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
import torch

from grading.sandbox.inside.frames import ProtocolError
from grading.sandbox.inside.values import Codec, update_in_place


class FakePeer:
    """The handle side of a peer: what cannot be copied is exported; proxies are just (id) tuples here."""

    def __init__(self, *, sends_modules: bool = False, accepts_modules: bool = False) -> None:
        self.exports: dict[int, object] = {}
        self.sends_modules, self.accepts_modules = sends_modules, accepts_modules

    def export(self, obj: object) -> int:
        self.exports[len(self.exports) + 1] = obj
        return len(self.exports)

    def exported(self, ident: int) -> object:
        return self.exports[ident]

    def proxy(self, ident: int) -> tuple[str, int]:
        return ("proxy", ident)

    def remote_id(self, obj: object) -> None:
        return None


def crossed(value: object, **peer: bool) -> object:
    sender = Codec(FakePeer(**peer))
    tree = sender.encode(value)
    return Codec(FakePeer(accepts_modules=peer.get("sends_modules", False)), sender.buffers).decode(tree)


def test_plain_values_round_trip() -> None:
    value = {"a": [1, 2.5, None, True, "s", b"b", (1, 2), {3}, frozenset({4}), 1 + 2j, slice(1, 5, 2)],
             (1, "k"): range(3), "big": 2**100, "nan": float("inf")}
    assert crossed(value) == value
    array = np.arange(6.0).reshape(2, 3)
    assert np.array_equal(crossed(array), array) and crossed(np.float32(1.5)).dtype == np.float32
    tensor = torch.arange(4, dtype=torch.float64).requires_grad_(True)
    back = crossed(tensor)
    assert type(back) is torch.Tensor and back.dtype == torch.float64 and back.requires_grad
    assert torch.equal(back.detach(), tensor.detach())


def test_subclasses_arrive_as_their_base_type() -> None:
    class RiggedFloat(float):
        def __eq__(self, other: object) -> bool:
            return True

    class RiggedList(list):
        def __eq__(self, other: object) -> bool:
            return True

    class RiggedArray(np.ndarray):
        def __eq__(self, other: object) -> bool:
            return True

    class RiggedTensor(torch.Tensor):
        pass

    values = [RiggedFloat(1.0), RiggedList([1]), np.zeros(2).view(RiggedArray),
              torch.zeros(2).as_subclass(RiggedTensor)]
    assert [type(crossed(v)) for v in values] == [float, list, np.ndarray, torch.Tensor]
    assert crossed(RiggedFloat(1.0)) != 2.0


def test_what_cannot_be_copied_becomes_a_handle() -> None:
    class Model:
        pass

    assert crossed([Model(), lambda: 1, np.array([object()])]) == [("proxy", 1), ("proxy", 2), ("proxy", 3)]
    assert crossed(np.linalg.norm) is np.linalg.norm and crossed(np) is np


def test_only_the_judge_sends_modules_and_the_judge_accepts_none() -> None:
    net = torch.nn.Sequential(torch.nn.Linear(2, 1))
    assert isinstance(crossed(net, sends_modules=True), torch.nn.Sequential)
    assert crossed(net) == ("proxy", 1)
    forged = Codec(FakePeer(), [pickle.dumps(net)])
    with pytest.raises(ProtocolError, match="not accepted"):
        forged.decode({"torch_module": 0, "grads": [0, 2]})


@pytest.mark.parametrize("tree", [
    {"ndarray": 5}, {"tuple": "x"}, {"dict": [[{"list": []}, 1]]}, {"lib": ["os", "system"]},
    {"torch_dtype": "object"}, {"unknown": 1}, [1, 2], {"np_rng": ["Evil", {}]}, {"yours": 99},
])
def test_malformed_values_are_refused(tree: object) -> None:
    with pytest.raises(ProtocolError):
        Codec(FakePeer(), [b"not npy"]).decode(tree)


def test_object_arrays_are_never_unpickled() -> None:
    sender = Codec(FakePeer())
    sender.buffers.append(_object_npy())
    with pytest.raises(ProtocolError):
        Codec(FakePeer(), sender.buffers).decode({"ndarray": 0})


def _object_npy() -> bytes:
    import io

    out = io.BytesIO()
    np.save(out, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    return out.getvalue()


def test_changes_to_arguments_are_applied_in_place() -> None:
    array, params, rng = np.zeros(3), [np.zeros(2), {"w": np.ones(1)}], np.random.default_rng(1)
    update_in_place(array, np.ones(3))
    update_in_place(params, [np.ones(2), {"w": np.zeros(1), "b": 2}])
    moved = np.random.default_rng(1)
    moved.normal()
    update_in_place(rng, moved)
    assert array.tolist() == [1, 1, 1] and params[0].tolist() == [1, 1] and params[1]["b"] == 2
    assert rng.normal() == moved.normal()
