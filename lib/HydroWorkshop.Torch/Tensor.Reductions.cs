namespace HydroWorkshop.Torch;

// Reductions over all elements or over dimensions. Overloads without a dimension reduce everything
// to a 0-dimensional tensor; <c>keepdim</c> keeps reduced dimensions with size 1 for broadcasting.
public sealed partial class Tensor
{
    public Tensor sum(ScalarType? dtype = null) => Ops.sum.Call(this, dtype);
    public Tensor sum(long dim, bool keepdim = false, ScalarType? dtype = null) => Ops.sum_dim.Call(this, new[] { dim }, keepdim, dtype);
    public Tensor sum(long[] dims, bool keepdim = false, ScalarType? dtype = null) => Ops.sum_dim.Call(this, dims, keepdim, dtype);

    public Tensor mean(ScalarType? dtype = null) => Ops.mean.Call(this, dtype);
    public Tensor mean(long dim, bool keepdim = false, ScalarType? dtype = null) => Ops.mean_dim.Call(this, new[] { dim }, keepdim, dtype);
    public Tensor mean(long[] dims, bool keepdim = false, ScalarType? dtype = null) => Ops.mean_dim.Call(this, dims, keepdim, dtype);

    /// <summary>Sum treating NaN as zero (observation gaps).</summary>
    public Tensor nansum() => Ops.nansum.Call(this, Arg.None, false);
    public Tensor nansum(long dim, bool keepdim = false) => Ops.nansum.Call(this, new[] { dim }, keepdim);

    /// <summary>Mean over the non-NaN elements (observation gaps); NaN where all are NaN.</summary>
    public Tensor nanmean() => Ops.nanmean.Call(this, Arg.None, false);
    public Tensor nanmean(long dim, bool keepdim = false) => Ops.nanmean.Call(this, new[] { dim }, keepdim);

    public Tensor prod(ScalarType? dtype = null) => Ops.prod.Call(this, dtype);
    public Tensor prod(long dim, bool keepdim = false) => Ops.prod_dim.Call(this, dim, keepdim);

    /// <summary>The largest element.</summary>
    public Tensor max() => Ops.max.Call(this);
    /// <summary>The largest elements along <paramref name="dim"/> and where they are (int64).</summary>
    public (Tensor values, Tensor indexes) max(long dim, bool keepdim = false) => Pair(Ops.max_dim.CallMany(this, dim, keepdim));
    public Tensor min() => Ops.min.Call(this);
    public (Tensor values, Tensor indexes) min(long dim, bool keepdim = false) => Pair(Ops.min_dim.CallMany(this, dim, keepdim));
    public Tensor argmax() => Ops.argmax.Call(this);
    public Tensor argmax(long dim, bool keepdim = false) => Ops.argmax.Call(this, dim, keepdim);
    public Tensor argmin() => Ops.argmin.Call(this);
    public Tensor argmin(long dim, bool keepdim = false) => Ops.argmin.Call(this, dim, keepdim);

    /// <summary>Standard deviation, with Bessel's correction unless <paramref name="unbiased"/> is false.</summary>
    public Tensor std(bool unbiased = true) => Ops.std.Call(this, Arg.None, unbiased, false);
    public Tensor std(long dim, bool unbiased = true, bool keepdim = false) => Ops.std.Call(this, new[] { dim }, unbiased, keepdim);
    public Tensor std(long[] dims, bool unbiased = true, bool keepdim = false) => Ops.std.Call(this, dims, unbiased, keepdim);
    public Tensor var(bool unbiased = true) => Ops.var.Call(this, Arg.None, unbiased, false);
    public Tensor var(long dim, bool unbiased = true, bool keepdim = false) => Ops.var.Call(this, new[] { dim }, unbiased, keepdim);
    public Tensor var(long[] dims, bool unbiased = true, bool keepdim = false) => Ops.var.Call(this, dims, unbiased, keepdim);

    public Tensor all() => Ops.all.Call(this);
    public Tensor any() => Ops.any.Call(this);
    public Tensor cumsum(long dim, ScalarType? dtype = null) => Ops.cumsum.Call(this, dim, dtype);
    public Tensor logsumexp(long dim, bool keepdim = false) => Ops.logsumexp.Call(this, new[] { dim }, keepdim);
    /// <summary>The p-norm over all elements, or over <paramref name="dims"/>.</summary>
    public Tensor norm(double p = 2, long[]? dims = null, bool keepdim = false) => Ops.norm.Call(this, p, dims ?? [], keepdim);

    /// <summary>Sorted values and their original indexes along <paramref name="dim"/>.</summary>
    public (Tensor values, Tensor indexes) sort(long dim = -1, bool descending = false) => Pair(Ops.sort.CallMany(this, dim, descending));
    /// <summary>The k largest (or smallest) values along <paramref name="dim"/> and their indexes.</summary>
    public (Tensor values, Tensor indexes) topk(long k, long dim = -1, bool largest = true, bool sorted = true) =>
        Pair(Ops.topk.CallMany(this, k, dim, largest, sorted));

    private static (Tensor, Tensor) Pair(Tensor[] two) => (two[0], two[1]);
}
