using HydroWorkshop.Torch.Native;

namespace HydroWorkshop.Torch;

// Automatic differentiation: libtorch records operations on tensors that require gradients.
public sealed partial class Tensor
{
    /// <summary>Whether operations on this tensor are recorded for backward.</summary>
    public bool requires_grad
    {
        get => Checked(NativeMethods.hw_tensor_requires_grad(Handle), "requires_grad") == 1;
        set => Checked(NativeMethods.hw_tensor_set_requires_grad(Handle, value ? 1 : 0), "requires_grad");
    }

    /// <summary>Sets <see cref="requires_grad"/> and returns this tensor (only on leaves, as in PyTorch).</summary>
    public Tensor requires_grad_(bool requiresGrad = true)
    {
        requires_grad = requiresGrad;
        return this;
    }

    /// <summary>True for tensors created by the user rather than by a recorded operation.</summary>
    public bool is_leaf => Checked(NativeMethods.hw_tensor_is_leaf(Handle), "is_leaf") == 1;

    /// <summary>
    /// The accumulated gradient, or null before any backward. Each read returns a new tensor object that
    /// shares the gradient's memory: dispose it (or read it inside a scope). Set to null to clear it.
    /// </summary>
    public Tensor? grad
    {
        get
        {
            Checked(NativeMethods.hw_tensor_grad(Handle, out var g), "grad");
            return g == IntPtr.Zero ? null : new Tensor(g);
        }
        set => Checked(NativeMethods.hw_tensor_set_grad(Handle, value?.Handle ?? IntPtr.Zero), "grad");
    }

    /// <summary>
    /// Computes the gradients of this tensor with respect to every leaf that requires them, adding them
    /// into their <see cref="grad"/>. A non-scalar tensor needs <paramref name="gradient"/> (dL/dthis).
    /// </summary>
    public void backward(Tensor? gradient = null, bool retain_graph = false, bool create_graph = false) =>
        Checked(NativeMethods.hw_autograd_backward(Handle, gradient?.Handle ?? IntPtr.Zero, retain_graph || create_graph ? 1 : 0, create_graph ? 1 : 0), "backward");

    /// <summary>Replaces this tensor's data (values, dtype, device) with <paramref name="data"/>'s while keeping
    /// this object, its requires_grad and its place in optimizers (PyTorch's <c>param.data = data</c>).</summary>
    public Tensor set_data(Tensor data)
    {
        Checked(NativeMethods.hw_tensor_set_data(Handle, data.Handle), "set_data");
        return this;
    }

    /// <summary>A tensor sharing this one's data, cut from the graph (no gradient flows through it).</summary>
    public Tensor detach() => Ops.detach.Call(this);
}

public static partial class torch
{
    /// <summary>torch.autograd.</summary>
    public static class autograd
    {
        /// <summary>
        /// Gradients of <paramref name="output"/> with respect to <paramref name="inputs"/>, returned instead of
        /// accumulated into <c>.grad</c>; with <paramref name="create_graph"/> they are differentiable again.
        /// </summary>
        public static unsafe Tensor?[] grad(Tensor output, Tensor[] inputs, Tensor? grad_output = null,
            bool retain_graph = false, bool create_graph = false, bool allow_unused = false)
        {
            var handles = new IntPtr[inputs.Length];
            for (var k = 0; k < inputs.Length; k++) handles[k] = inputs[k].Handle;
            var grads = new IntPtr[inputs.Length];
            fixed (IntPtr* inputPointer = handles)
            fixed (IntPtr* gradPointer = grads)
            {
                var status = NativeMethods.hw_autograd_grad(output.Handle, grad_output?.Handle ?? IntPtr.Zero, inputPointer, inputs.Length,
                    gradPointer, retain_graph || create_graph ? 1 : 0, create_graph ? 1 : 0, allow_unused ? 1 : 0);
                NativeMethods.Check(status, "autograd.grad");
            }
            GC.KeepAlive(inputs);
            GC.KeepAlive(output);
            return Array.ConvertAll(grads, g => g == IntPtr.Zero ? null : new Tensor(g));
        }
    }
}
