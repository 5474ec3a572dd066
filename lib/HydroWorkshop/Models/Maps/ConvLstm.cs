using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Maps;

/// <summary>
/// A stack of <see cref="ConvLstmCell"/>s (Shi et al. 2015): layer l's hidden maps are layer l+1's input. Input
/// [batch, time, channels, y, x]; returns the last layer's hidden maps at every step [batch, time, hidden, y, x] and
/// the last (h, c) of every layer, each [batch, hidden_l, y, x]. Keys: <c>cells.{l}.conv.weight</c>, ... (as the
/// PyTorch fixture's <c>nn.ModuleList</c>).
/// </summary>
public sealed class ConvLstm : nn.Module
{
    public ConvLstm(int inputChannels, int hiddenChannels, int kernelSize = 3, int numLayers = 1, bool peephole = false,
        (int Rows, int Columns)? peepholeGrid = null)
        : this(inputChannels, Enumerable.Repeat(hiddenChannels, Math.Max(numLayers, 0)).ToArray(), kernelSize, peephole, peepholeGrid)
    {
    }

    /// <summary>A stack with its own hidden size per layer.</summary>
    public ConvLstm(int inputChannels, IReadOnlyList<int> hiddenChannels, int kernelSize = 3, bool peephole = false,
        (int Rows, int Columns)? peepholeGrid = null) : base(nameof(ConvLstm))
    {
        if (hiddenChannels.Count < 1) throw new ArgumentOutOfRangeException(nameof(hiddenChannels), "ConvLstm needs at least one layer");
        InputChannels = inputChannels;
        HiddenChannels = hiddenChannels.ToArray();
        var previous = inputChannels;
        var layers = new List<ConvLstmCell>();
        foreach (var hidden in hiddenChannels)
        {
            layers.Add(new ConvLstmCell(previous, hidden, kernelSize, peephole, peepholeGrid));
            previous = hidden;
        }
        register_module("cells", cells = nn.ModuleList(layers.ToArray()));
    }

    public int InputChannels { get; }
    public IReadOnlyList<int> HiddenChannels { get; }
    public int NumLayers => cells.Count;

    private readonly ModuleList<ConvLstmCell> cells;

    public ConvLstmCell this[int layer] => cells[layer];

    /// <summary>One time step through every layer: x [batch, channels, y, x]; state per layer (zeros when null).
    /// Returns the new state of every layer; the top layer's h is the step's output.</summary>
    public (Tensor h, Tensor c)[] Step(Tensor input, IReadOnlyList<(Tensor h, Tensor c)>? state = null)
    {
        if (state is not null && state.Count != cells.Count)
            throw new ArgumentException($"ConvLstm: {state.Count} states given for {cells.Count} layers", nameof(state));
        var next = new (Tensor h, Tensor c)[cells.Count];
        var x = input;
        for (var layer = 0; layer < cells.Count; layer++)
        {
            next[layer] = cells[layer].forward(x, state?[layer]);
            x = next[layer].h;
        }
        return next;
    }

    /// <summary>Runs the whole sequence: input [batch, time, channels, y, x] → (output [batch, time, hidden_last, y, x],
    /// last (h, c) per layer).</summary>
    public (Tensor output, (Tensor h, Tensor c)[] last) forward(Tensor input, IReadOnlyList<(Tensor h, Tensor c)>? state = null)
    {
        if (input.dim() != 5 || input.size(2) != InputChannels)
            throw new ArgumentException(
                $"ConvLstm({InputChannels}, {string.Join("/", HiddenChannels)}): input [{string.Join(", ", input.shape)}] must be [batch, time, {InputChannels}, y, x]", nameof(input));
        using var scope = NewDisposeScope();
        var steps = input.size(1);
        var outputs = new Tensor[steps];
        IReadOnlyList<(Tensor h, Tensor c)>? current = state;
        for (var t = 0; t < steps; t++)
        {
            var next = Step(input.select(1, t), current);
            outputs[t] = next[^1].h;                                               // [batch, hidden, y, x]
            current = next;
        }
        var output = stack(outputs, 1);                                            // [batch, time, hidden, y, x]
        var last = current!.Select(s => (s.h.MoveToOuterDisposeScope(), s.c.MoveToOuterDisposeScope())).ToArray();
        return (output.MoveToOuterDisposeScope(), last);
    }

    public (Tensor output, (Tensor h, Tensor c)[] last) call(Tensor input, IReadOnlyList<(Tensor h, Tensor c)>? state = null) =>
        forward(input, state);
}
