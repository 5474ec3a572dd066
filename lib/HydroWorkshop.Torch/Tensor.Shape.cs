namespace HydroWorkshop.Torch;

// Reshaping, joining and splitting. Views share memory with this tensor where PyTorch's do.
public sealed partial class Tensor
{
    /// <summary>The same elements in a new shape; one size may be -1 (inferred). A view when possible.</summary>
    public Tensor reshape(params long[] shape) => Ops.reshape.Call(this, shape);
    /// <summary>A view with a new shape (the memory layout must allow it; else use reshape).</summary>
    public Tensor view(params long[] shape) => Ops.view.Call(this, shape);
    /// <summary>Reorders dimensions, e.g. [batch, time, feature] -> [time, batch, feature] with permute(1, 0, 2).</summary>
    public Tensor permute(params long[] dims) => Ops.permute.Call(this, dims);
    public Tensor transpose(long dim0, long dim1) => Ops.transpose.Call(this, dim0, dim1);
    /// <summary>Transpose of a matrix (dimensions 0 and 1).</summary>
    public Tensor t() => Ops.t.Call(this);
    public Tensor unsqueeze(long dim) => Ops.unsqueeze.Call(this, dim);
    public Tensor squeeze() => Ops.squeeze.Call(this);
    public Tensor squeeze(long dim) => Ops.squeeze_dim.Call(this, dim);
    /// <summary>Broadcasts size-1 dimensions to the given sizes without copying (-1 keeps a size).</summary>
    public Tensor expand(params long[] sizes) => Ops.expand.Call(this, sizes, false);
    public Tensor expand_as(Tensor other) => Ops.expand_as.Call(this, other);
    public Tensor broadcast_to(params long[] sizes) => expand(sizes);
    public Tensor flatten(long start_dim = 0, long end_dim = -1) => Ops.flatten.Call(this, start_dim, end_dim);
    /// <summary>Splits dimension <paramref name="dim"/> into <paramref name="sizes"/>.</summary>
    public Tensor unflatten(long dim, long[] sizes) => Ops.unflatten.Call(this, dim, sizes);
    /// <summary>Pieces of <paramref name="size"/> along <paramref name="dim"/> (the last may be smaller).</summary>
    public Tensor[] split(long size, long dim = 0) => Ops.split.CallMany(this, size, dim);
    public Tensor[] split(long[] sizes, long dim = 0) => Ops.split_sizes.CallMany(this, sizes, dim);
    public Tensor[] chunk(long chunks, long dim = 0) => Ops.chunk.CallMany(this, chunks, dim);
    /// <summary>A view of <paramref name="length"/> elements from <paramref name="start"/> along <paramref name="dim"/>.</summary>
    public Tensor narrow(long dim, long start, long length) => Ops.narrow.Call(this, dim, start, length);
    public Tensor contiguous() => Ops.contiguous.Call(this, 0L);
    public Tensor clone() => Ops.clone.Call(this);
    public Tensor repeat(params long[] repeats) => Ops.repeat.Call(this, repeats);
    public Tensor flip(params long[] dims) => Ops.flip.Call(this, dims);
    public Tensor roll(long shift, long dim) => Ops.roll.Call(this, new[] { shift }, new[] { dim });
    /// <summary>The upper triangle of the last two dimensions (above the <paramref name="diagonal"/>-th diagonal), zeros below; e.g. a causal mask.</summary>
    public Tensor triu(long diagonal = 0) => Ops.triu.Call(this, diagonal);
    public Tensor tril(long diagonal = 0) => Ops.tril.Call(this, diagonal);

    // ---- types and devices ----------------------------------------------------------------
    /// <summary>A copy with another element type (this tensor itself when it already has it).</summary>
    public Tensor to(ScalarType type) => Ops.to_dtype.Call(this, type, false, false);
    /// <summary>A copy on another device (this tensor's data when already there).</summary>
    public Tensor to(Device target) => Ops.to_device.Call(this, target, dtype, false, false);
    public Tensor to(string target) => to(Device.Parse(target));
    public Tensor cpu() => to(Device.Cpu);
    public Tensor cuda(int index = 0) => to(Device.Cuda(index));
    public Tensor @float() => to(ScalarType.Float32);
    public Tensor @double() => to(ScalarType.Float64);
    public Tensor @long() => to(ScalarType.Int64);
    public Tensor @int() => to(ScalarType.Int32);
    public Tensor @bool() => to(ScalarType.Bool);
}

public static partial class torch
{
    /// <summary>Joins tensors along an existing dimension.</summary>
    public static Tensor cat(Tensor[] tensors, long dim = 0) => Ops.cat.Call(tensors, dim);
    public static Tensor cat(IEnumerable<Tensor> tensors, long dim = 0) => cat(tensors.ToArray(), dim);
    /// <summary>Joins tensors of the same shape along a new dimension.</summary>
    public static Tensor stack(Tensor[] tensors, long dim = 0) => Ops.stack.Call(tensors, dim);
    public static Tensor stack(IEnumerable<Tensor> tensors, long dim = 0) => stack(tensors.ToArray(), dim);
    /// <summary>Elementwise choice: <paramref name="x"/> where <paramref name="condition"/>, else <paramref name="y"/>.</summary>
    public static Tensor where(Tensor condition, Tensor x, Tensor y) => Ops.where.Call(condition, x, y);
    public static Tensor where(Tensor condition, Tensor x, double y) => Ops.where_scalar_other.Call(condition, x, y);
    public static Tensor where(Tensor condition, double x, Tensor y) => Ops.where_scalar_self.Call(condition, x, y);
    public static Tensor matmul(Tensor a, Tensor b) => a.matmul(b);
    public static Tensor bmm(Tensor a, Tensor b) => a.bmm(b);
    public static Tensor maximum(Tensor a, Tensor b) => a.maximum(b);
    public static Tensor minimum(Tensor a, Tensor b) => a.minimum(b);
    public static Tensor exp(Tensor x) => x.exp();
    public static Tensor log(Tensor x) => x.log();
    public static Tensor sqrt(Tensor x) => x.sqrt();
    public static Tensor abs(Tensor x) => x.abs();
    public static Tensor sigmoid(Tensor x) => x.sigmoid();
    public static Tensor tanh(Tensor x) => x.tanh();
    public static Tensor relu(Tensor x) => x.relu();
    public static Tensor softmax(Tensor x, long dim) => x.softmax(dim);
    public static Tensor isnan(Tensor x) => x.isnan();
    public static Tensor clamp(Tensor x, double? min = null, double? max = null) => x.clamp(min, max);
}
