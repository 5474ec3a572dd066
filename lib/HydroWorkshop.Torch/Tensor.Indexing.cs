namespace HydroWorkshop.Torch;

// Indexing and slicing with Python's semantics: x[0], x[1..3], x[.., ^1], x[mask], x[TensorIndex.None].
public sealed partial class Tensor
{
    /// <summary>Indexes as Python does; integers and ranges give views, tensors give copies.</summary>
    public Tensor this[params TensorIndex[] indices]
    {
        get => Index(indices);
        set => IndexPut(indices, value);
    }

    /// <summary>The sub-tensor at <paramref name="index"/> along <paramref name="dim"/>, removing that dimension.</summary>
    public Tensor select(long dim, long index) => Ops.select.Call(this, dim, index);

    /// <summary>Elements along <paramref name="dim"/> at the int64 <paramref name="index"/> positions.</summary>
    public Tensor index_select(long dim, Tensor index) => Ops.index_select.Call(this, dim, index);

    /// <summary>The elements where the bool <paramref name="mask"/> is true, as a 1-D tensor.</summary>
    public Tensor masked_select(Tensor mask) => Ops.masked_select.Call(this, mask);

    /// <summary>A copy with <paramref name="value"/> where <paramref name="mask"/> is true.</summary>
    public Tensor masked_fill(Tensor mask, double value) => Ops.masked_fill.Call(this, mask, value);

    /// <summary>out[i][j] = this[i][index[i][j]] for dim 1 (torch.gather).</summary>
    public Tensor gather(long dim, Tensor index) => Ops.gather.Call(this, dim, index, false);

    /// <summary>Indexes of the non-zero elements, [n, dim].</summary>
    public Tensor nonzero() => Ops.nonzero.Call(this);

    /// <summary>Writes <paramref name="values"/> at the given tensor indexes (index_put_).</summary>
    public Tensor index_put_(Tensor?[] indices, Tensor values, bool accumulate = false)
    {
        Ops.index_put_.CallInPlace(this, Arg.OptionalTensors(indices), values, accumulate);
        return this;
    }

    private Tensor Index(TensorIndex[] indices)
    {
        var view = BasicIndex(indices, out var tensorIndexes);
        if (tensorIndexes is null) return view;
        using (view) return Ops.index.Call(view, Arg.OptionalTensors(tensorIndexes));
    }

    private void IndexPut(TensorIndex[] indices, Tensor value)
    {
        // The basic part gives a view of this tensor, so writing into it writes here.
        using var view = BasicIndex(indices, out var tensorIndexes);
        if (tensorIndexes is null) view.copy_(value);
        else view.index_put_(tensorIndexes, value);
    }

    /// <summary>
    /// Applies integers, slices, None and ellipsis as a view. Tensor indexes cannot be views: they come
    /// back in <paramref name="tensorIndexes"/>, aligned with the view's dimensions, for aten::index or
    /// aten::index_put_ (null when there are none).
    /// </summary>
    private Tensor BasicIndex(TensorIndex[] indices, out Tensor?[]? tensorIndexes)
    {
        var dims = dim();
        var consumed = 0;
        foreach (var i in indices)
            if (i.Kind is TensorIndex.IndexKind.Single or TensorIndex.IndexKind.Slice) consumed++;
            else if (i.Kind == TensorIndex.IndexKind.Tensor) consumed += i.Tensor!.dtype == ScalarType.Bool ? i.Tensor.dim() : 1;
        if (consumed > dims)
            throw new IndexOutOfRangeException($"too many indices for a tensor of {dims} dimensions: {consumed} given");

        var result = alias();
        var aligned = new List<Tensor?>();
        var anyTensor = false;
        var d = 0L;
        try
        {
            foreach (var index in indices)
            {
                switch (index.Kind)
                {
                    case TensorIndex.IndexKind.Single:
                        var at = index.FromEnd ? result.size((int)d) - index.Value : index.Value;
                        result = Swap(result, Ops.select.Call(result, d, at));
                        break;
                    case TensorIndex.IndexKind.Slice:
                        result = Swap(result, Ops.slice.Call(result, d, Optional(index.Start), Optional(index.Stop), index.Step));
                        aligned.Add(null);
                        d++;
                        break;
                    case TensorIndex.IndexKind.None:
                        result = Swap(result, Ops.unsqueeze.Call(result, d));
                        aligned.Add(null);
                        d++;
                        break;
                    case TensorIndex.IndexKind.Ellipsis:
                        for (var k = 0; k < dims - consumed; k++) aligned.Add(null);
                        d += dims - consumed;
                        break;
                    case TensorIndex.IndexKind.Tensor:
                        aligned.Add(index.Tensor);
                        anyTensor = true;
                        d += index.Tensor!.dtype == ScalarType.Bool ? index.Tensor.dim() : 1;
                        break;
                }
            }
            tensorIndexes = anyTensor ? aligned.ToArray() : null;
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    private static Tensor Swap(Tensor old, Tensor replacement)
    {
        old.Dispose();
        return replacement;
    }

    private static Arg Optional(long? value) => value is null ? Arg.None : value.Value;
}
