"""Torch gradients through calls between the two processes.

A call whose outputs require grad is recorded by the callee (its inputs,
rebuilt as fresh leaves, its outputs and the callee's own leaves they depend
on, e.g. a test network's parameters); the caller joins the copied outputs to
its own graph with one autograd Function whose backward asks the callee for the
vector-Jacobian product. Gradients for the callee's own leaves, met while the
callee serves a nested call, are added to the backward pass the callee itself is
waiting in, so `torch.autograd.grad(loss(student_fn(net)), net.parameters())`
works across the boundary. First derivatives only: under `create_graph` the
remote part of a gradient is a constant.
"""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .peer import Peer


def _torch() -> Any:
    return sys.modules.get("torch")


def grad_enabled() -> bool:
    torch = _torch()
    return bool(torch is not None and torch.is_grad_enabled())


def grad_mode(enabled: bool) -> Any:
    torch = _torch()
    return torch.set_grad_enabled(enabled) if torch is not None else contextlib.nullcontext()


def own_leaves(outputs: list[Any], inputs: list[Any]) -> list[Any]:
    """The leaves requiring grad that `outputs` depend on, other than `inputs`."""
    skip = {id(t) for t in inputs}
    leaves, seen = [], set()
    stack = [t.grad_fn for t in outputs if t.grad_fn is not None]
    leaves += [t for t in outputs if t.grad_fn is None and t.requires_grad and id(t) not in skip]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        variable = getattr(node, "variable", None)
        if variable is not None and id(variable) not in skip:
            leaves.append(variable)
            skip.add(id(variable))
        stack += [following for following, _ in node.next_functions if following is not None]
    return leaves


_FUNCTION: Any = None


def _function() -> Any:
    """The autograd Function, made on first use (torch is imported only by sheets that use it)."""
    global _FUNCTION
    if _FUNCTION is None:
        torch = _torch()

        class RemoteCall(torch.autograd.Function):
            @staticmethod
            def forward(ctx: Any, peer: Peer, call: int, values: list, n_inputs: int, *inputs: Any) -> Any:
                ctx.peer, ctx.call, ctx.n_inputs, ctx.inputs = peer, call, n_inputs, inputs
                return tuple(v.clone() for v in values)

            @staticmethod
            def backward(ctx: Any, *grads: Any) -> Any:
                received = ctx.peer.vjp_of(ctx.call, list(grads), ctx.inputs[ctx.n_inputs:])
                grads_in = []
                for tensor, grad in zip(ctx.inputs, received, strict=True):
                    grads_in.append(grad.to(tensor.dtype) if isinstance(grad, torch.Tensor)
                                    and grad.shape == tensor.shape else None)
                return (None, None, None, None, *grads_in)

        _FUNCTION = RemoteCall
    return _FUNCTION


def connect(peer: Peer, call: Any, values: list[Any], inputs: list[Any], touched: list[Any], grad: bool) -> list[Any]:
    """The copied outputs of a remote call, joined to this side's graph through one RemoteCall node.

    With nothing of this side to lead back to (the outputs depend only on the callee's own leaves), the node
    hangs on an anchor leaf, so that a backward pass still reaches the callee and its callbacks."""
    if not grad or type(call) is not int:
        return [v.requires_grad_(True) if v.is_floating_point() else v for v in values]
    linked = list(inputs) + list(touched) or [_torch().zeros((), requires_grad=True)]
    return list(_function().apply(peer, call, values, len(inputs), *linked))


def vjp(peer: Peer, record: tuple[list, list, list], grads: list[Any]) -> list[Any]:
    """On the callee: the gradients of a recorded call's inputs; those of its own leaves go to the waiting pass."""
    torch = _torch()
    inputs, outputs, own = record
    pairs = [(o, g) for o, g in zip(outputs, grads, strict=False) if isinstance(g, torch.Tensor)
             and g.shape == o.shape and o.requires_grad]
    targets = inputs + own
    if not pairs or not targets:
        return [None] * len(inputs)
    with torch.enable_grad():
        result = torch.autograd.grad([o for o, _ in pairs], targets, [g.to(o.dtype) for o, g in pairs],
                                     retain_graph=True, allow_unused=True)
    if peer.accumulators:
        waiting = peer.accumulators[-1]
        for leaf, grad in zip(own, result[len(inputs):], strict=True):
            if grad is not None:
                waiting[id(leaf)] = waiting[id(leaf)] + grad if id(leaf) in waiting else grad
    return list(result[:len(inputs)])
