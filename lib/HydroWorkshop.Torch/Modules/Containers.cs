namespace HydroWorkshop.Torch.Modules;

/// <summary>Modules applied in order, each to the previous one's output. Keys: 0.weight, 1.bias, ...</summary>
public sealed class Sequential : Module<Tensor, Tensor>
{
    private readonly List<Module<Tensor, Tensor>> layers = [];

    public Sequential(params Module<Tensor, Tensor>[] modules)
    {
        foreach (var module in modules) append(module);
    }

    public Sequential append(Module<Tensor, Tensor> module)
    {
        register_module(layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
        layers.Add(module);
        return this;
    }

    public int Count => layers.Count;

    public Module<Tensor, Tensor> this[int index] => layers[index];

    public override Tensor forward(Tensor input)
    {
        if (layers.Count == 0) return input.alias();
        // Intermediate activations are freed when the pass returns (autograd keeps what it needs).
        using var scope = torch.NewDisposeScope();
        var x = input;
        foreach (var layer in layers) x = layer.forward(x);
        return x.MoveToOuterDisposeScope();
    }
}

/// <summary>A list of modules, registered as 0, 1, 2, ... (e.g. the layers of a stack).</summary>
public sealed class ModuleList<T> : Module where T : Module
{
    private readonly List<T> items = [];

    public ModuleList(params T[] modules)
    {
        foreach (var module in modules) append(module);
    }

    public ModuleList<T> append(T module)
    {
        register_module(items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
        items.Add(module);
        return this;
    }

    public int Count => items.Count;

    public T this[int index] => items[index];

    public IEnumerator<T> GetEnumerator() => items.GetEnumerator();
}
