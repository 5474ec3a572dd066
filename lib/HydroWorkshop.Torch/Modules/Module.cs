using System.Text;

namespace HydroWorkshop.Torch.Modules;

/// <summary>
/// The base of every layer and model, as torch.nn.Module. A module owns the tensors it registers
/// (parameters, buffers) and its submodules, explicitly, by name, in constructor order, which is the order
/// of <see cref="parameters"/> and of the keys of <see cref="state_dict"/> (the same keys as PyTorch's).
/// Registered tensors leave any dispose scope: they live until the module is disposed.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<KeyValuePair<string, Tensor>> ownParameters = [];
    private readonly List<KeyValuePair<string, Tensor>> ownBuffers = [];
    private readonly List<KeyValuePair<string, Module>> ownChildren = [];
    private bool disposed;

    /// <summary>True in training mode (dropout active, batch norm updating its statistics).</summary>
    public bool training { get; private set; } = true;

    /// <summary>The type's name, as PyTorch prints it.</summary>
    public virtual string Name => GetType().Name;

    // ---- registration (constructors only) -----------------------------------------------------

    /// <summary>Registers a trainable tensor under <paramref name="name"/> and returns it.</summary>
    protected Tensor register_parameter(string name, Tensor parameter)
    {
        CheckNewName(name);
        parameter.DetachFromDisposeScope();
        if (!parameter.requires_grad) parameter.requires_grad_();
        ownParameters.Add(new(name, parameter));
        return parameter;
    }

    /// <summary>Registers a state tensor that is saved but not trained (e.g. running statistics).</summary>
    protected Tensor register_buffer(string name, Tensor buffer)
    {
        CheckNewName(name);
        buffer.DetachFromDisposeScope();
        ownBuffers.Add(new(name, buffer));
        return buffer;
    }

    /// <summary>Registers a submodule; its parameters appear as <c>name.parameter</c>.</summary>
    protected T register_module<T>(string name, T module) where T : Module
    {
        CheckNewName(name);
        ownChildren.Add(new(name, module));
        return module;
    }

    private void CheckNewName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
            throw new ArgumentException($"{Name}: '{name}' is not a valid name (non-empty, no dots)", nameof(name));
        if (ownParameters.Any(p => p.Key == name) || ownBuffers.Any(b => b.Key == name) || ownChildren.Any(c => c.Key == name))
            throw new ArgumentException($"{Name}: '{name}' is registered already", nameof(name));
    }

    // ---- traversal ---------------------------------------------------------------------------------

    /// <summary>Every parameter of this module and its submodules (the tensors themselves, not copies).</summary>
    public IEnumerable<Tensor> parameters(bool recurse = true) => named_parameters(recurse).Select(p => p.Value);

    /// <summary>Parameters with their dotted names, e.g. <c>lstm.weight_ih_l0</c>.</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> named_parameters(bool recurse = true)
    {
        foreach (var p in ownParameters) yield return p;
        if (!recurse) yield break;
        foreach (var (childName, child) in ownChildren)
            foreach (var (name, p) in child.named_parameters())
                yield return new($"{childName}.{name}", p);
    }

    /// <summary>Buffers with their dotted names.</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> named_buffers(bool recurse = true)
    {
        foreach (var b in ownBuffers) yield return b;
        if (!recurse) yield break;
        foreach (var (childName, child) in ownChildren)
            foreach (var (name, b) in child.named_buffers())
                yield return new($"{childName}.{name}", b);
    }

    public IEnumerable<KeyValuePair<string, Module>> named_children() => ownChildren;

    public IEnumerable<Module> children() => ownChildren.Select(c => c.Value);

    /// <summary>This module and all below it, depth first, with dotted names ("" for this one).</summary>
    public IEnumerable<KeyValuePair<string, Module>> named_modules()
    {
        yield return new("", this);
        foreach (var (childName, child) in ownChildren)
            foreach (var (name, m) in child.named_modules())
                yield return new(name.Length == 0 ? childName : $"{childName}.{name}", m);
    }

    /// <summary>Number of trainable numbers (elements of parameters that require gradients).</summary>
    public long parameter_count(bool trainableOnly = true) =>
        parameters().Where(p => !trainableOnly || p.requires_grad).Sum(p => p.numel());

    // ---- state -----------------------------------------------------------------------------------

    /// <summary>
    /// Parameters and buffers by dotted name, in registration order, as PyTorch names them. The tensors are
    /// new handles sharing the module's memory: dispose them (or take them inside a dispose scope).
    /// </summary>
    public Dictionary<string, Tensor> state_dict()
    {
        var state = new Dictionary<string, Tensor>();
        foreach (var (name, p) in named_parameters()) state[name] = p.detach();
        foreach (var (name, b) in named_buffers()) state[name] = b.alias();
        return state;
    }

    /// <summary>
    /// Copies values into this module's parameters and buffers. With <paramref name="strict"/>, every key
    /// must match; any mismatch is reported with every missing, unexpected and wrongly shaped key.
    /// </summary>
    public void load_state_dict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        var own = named_parameters().Concat(named_buffers()).ToDictionary(p => p.Key, p => p.Value);
        var missing = own.Keys.Where(k => !state.ContainsKey(k)).ToList();
        var unexpected = state.Keys.Where(k => !own.ContainsKey(k)).ToList();
        var mismatched = own.Where(p => state.TryGetValue(p.Key, out var s) && !s.shape.SequenceEqual(p.Value.shape))
            .Select(p => $"{p.Key}: module [{string.Join(", ", p.Value.shape)}], given [{string.Join(", ", state[p.Key].shape)}]")
            .ToList();
        if (mismatched.Count > 0 || (strict && (missing.Count > 0 || unexpected.Count > 0)))
        {
            var message = new StringBuilder($"{Name}.load_state_dict failed:");
            if (missing.Count > 0) message.Append($"\n  missing keys: {string.Join(", ", missing)}");
            if (unexpected.Count > 0) message.Append($"\n  unexpected keys: {string.Join(", ", unexpected)}");
            if (mismatched.Count > 0) message.Append($"\n  shape mismatches: {string.Join("; ", mismatched)}");
            throw new ArgumentException(message.ToString(), nameof(state));
        }
        using var noGrad = torch.no_grad();
        foreach (var (name, target) in own)
            if (state.TryGetValue(name, out var source)) target.copy_(source);
    }

    /// <summary>Training mode (or evaluation mode with false), for this module and all below.</summary>
    public Module train(bool on = true)
    {
        foreach (var (_, m) in named_modules()) m.training = on;
        return this;
    }

    /// <summary>Evaluation mode: dropout off, batch norm uses its running statistics.</summary>
    public Module eval() => train(false);

    /// <summary>Moves every parameter and buffer to a device, keeping the tensor objects (optimizers built
    /// before still hold the right ones).</summary>
    public Module to(Device device) => Convert(t => t.to(device));

    /// <summary>Converts floating-point parameters and buffers to another dtype (e.g. float64 for checks).</summary>
    public Module to(ScalarType type) => Convert(t => t.dtype.IsFloatingPoint() ? t.to(type) : t.alias());

    private Module Convert(Func<Tensor, Tensor> convert)
    {
        using var noGrad = torch.no_grad();
        foreach (var (_, t) in named_parameters().Concat(named_buffers()))
        {
            using var converted = convert(t);
            t.set_data(converted);
        }
        return this;
    }

    /// <summary>Clears every parameter's gradient (set to none, as PyTorch 2 does by default).</summary>
    public void zero_grad()
    {
        foreach (var p in parameters()) p.grad = null;
    }

    /// <summary>Freezes (false) or unfreezes every parameter of this module, e.g. to fine-tune only a head.</summary>
    public Module requires_grad_(bool requiresGrad = true)
    {
        foreach (var p in parameters()) p.requires_grad = requiresGrad;
        return this;
    }

    // ---- printing --------------------------------------------------------------------------------

    /// <summary>The constructor arguments shown between the parentheses, as PyTorch's extra_repr.</summary>
    protected virtual string ExtraRepr() => "";

    /// <summary>The module tree as PyTorch prints it, with the number of trainable parameters at the top.</summary>
    public override string ToString() => Repr(0) + $"\n({parameter_count():N0} trainable parameters)";

    private string Repr(int indent)
    {
        if (ownChildren.Count == 0) return $"{Name}({ExtraRepr()})";
        var text = new StringBuilder($"{Name}(");
        var extra = ExtraRepr();
        if (extra.Length > 0) text.Append('\n').Append(' ', indent + 2).Append(extra);
        foreach (var (name, child) in ownChildren)
            text.Append('\n').Append(' ', indent + 2).Append($"({name}): ").Append(child.Repr(indent + 2));
        return text.Append('\n').Append(' ', indent).Append(')').ToString();
    }

    // ---- lifetime --------------------------------------------------------------------------------

    /// <summary>Frees every parameter, buffer and submodule.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var (_, p) in ownParameters) p.Dispose();
        foreach (var (_, b) in ownBuffers) b.Dispose();
        foreach (var (_, c) in ownChildren) c.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A module with one input, as <c>Module&lt;Tensor, Tensor&gt;</c> in TorchSharp.</summary>
public abstract class Module<TInput, TResult> : Module
{
    /// <summary>The computation; call the module with <see cref="call"/>.</summary>
    public abstract TResult forward(TInput input);

    public TResult call(TInput input) => forward(input);
}

/// <summary>A module with two inputs.</summary>
public abstract class Module<TInput1, TInput2, TResult> : Module
{
    public abstract TResult forward(TInput1 input1, TInput2 input2);

    public TResult call(TInput1 input1, TInput2 input2) => forward(input1, input2);
}
