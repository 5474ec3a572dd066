using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Torch.Modules;

/// <summary>
/// Common ground of LSTM and GRU: PyTorch's parameter names (weight_ih_l0, weight_hh_l0, bias_ih_l0,
/// bias_hh_l0, ..._reverse) and initialisation U(-1/√hidden, 1/√hidden), all through libtorch's fused
/// recurrent operators (aten::lstm, aten::gru), which also run the backward pass.
/// </summary>
public abstract class RecurrentBase : Module
{
    private protected readonly Tensor[] flatWeights;

    private protected RecurrentBase(long inputSize, long hiddenSize, long gates, int numLayers, bool hasBias, bool batchFirst, double dropout, bool bidirectional)
    {
        if (numLayers < 1) throw new ArgumentOutOfRangeException(nameof(numLayers), numLayers, "at least one layer");
        if (dropout is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "dropout must be in [0, 1]");
        input_size = inputSize;
        hidden_size = hiddenSize;
        num_layers = numLayers;
        bias = hasBias;
        batch_first = batchFirst;
        this.dropout = dropout;
        this.bidirectional = bidirectional;
        var bound = 1 / Math.Sqrt(hiddenSize);
        var weights = new List<Tensor>();
        for (var layer = 0; layer < numLayers; layer++)
        {
            foreach (var suffix in bidirectional ? new[] { "", "_reverse" } : [""])
            {
                var layerInput = layer == 0 ? inputSize : hiddenSize * (bidirectional ? 2 : 1);
                Tensor Make(string name, long[] shape) => register_parameter($"{name}_l{layer}{suffix}", nn.init.uniform_(empty(shape), -bound, bound));
                weights.Add(Make("weight_ih", [gates * hiddenSize, layerInput]));
                weights.Add(Make("weight_hh", [gates * hiddenSize, hiddenSize]));
                if (hasBias)
                {
                    weights.Add(Make("bias_ih", [gates * hiddenSize]));
                    weights.Add(Make("bias_hh", [gates * hiddenSize]));
                }
            }
        }
        flatWeights = weights.ToArray();
    }

    public long input_size { get; }
    public long hidden_size { get; }
    public int num_layers { get; }
    public bool bias { get; }
    public bool batch_first { get; }
    public double dropout { get; }
    public bool bidirectional { get; }

    private protected int Directions => bidirectional ? 2 : 1;

    /// <summary>Checks [batch, time, input_size] (batch_first) or [time, batch, input_size]; returns the batch size.</summary>
    private protected long CheckInput(Tensor input)
    {
        if (input.dim() != 3 || input.size(2) != input_size)
        {
            var layout = batch_first ? "[batch, time, " : "[time, batch, ";
            throw new ArgumentException($"{this.Describe()}: input {input.Shape()} must be {layout}{input_size}]", nameof(input));
        }
        return input.size(batch_first ? 0 : 1);
    }

    private protected Tensor ZeroState(Tensor input, long batch) =>
        zeros([num_layers * Directions, batch, hidden_size], input.dtype, input.device);

    protected override string ExtraRepr() =>
        $"{input_size}, {hidden_size}" + (num_layers != 1 ? $", num_layers={num_layers}" : "") + (bias ? "" : ", bias=False") +
        (batch_first ? ", batch_first=True" : "") + (dropout != 0 ? $", dropout={dropout}" : "") + (bidirectional ? ", bidirectional=True" : "");
}

/// <summary>
/// Long short-term memory (Hochreiter &amp; Schmidhuber 1997), multi-layer, with dropout between layers.
/// Input [batch, time, input_size] with batch_first (else [time, batch, input_size]); returns the output of the
/// last layer at every step [batch, time, directions·hidden] and the final states h, c
/// [layers·directions, batch, hidden]. Starts from zeros unless a state is given.
/// </summary>
public sealed class LSTM(long inputSize, long hiddenSize, int numLayers = 1, bool hasBias = true, bool batchFirst = false, double dropout = 0, bool bidirectional = false)
    : RecurrentBase(inputSize, hiddenSize, 4, numLayers, hasBias, batchFirst, dropout, bidirectional)
{
    private static readonly Operator LstmOp = new("aten::lstm", "input");

    public (Tensor output, Tensor h, Tensor c) forward(Tensor input, (Tensor h0, Tensor c0)? state = null)
    {
        var batch = CheckInput(input);
        using var scope = NewDisposeScope();
        var (h0, c0) = state ?? (ZeroState(input, batch), ZeroState(input, batch));
        var results = LstmOp.CallMany(input, new[] { h0, c0 }, flatWeights, bias, (long)num_layers, dropout, training, bidirectional, batch_first);
        scope.MoveToOuter(results);
        return (results[0], results[1], results[2]);
    }

    public (Tensor output, Tensor h, Tensor c) call(Tensor input, (Tensor h0, Tensor c0)? state = null) => forward(input, state);
}

/// <summary>Gated recurrent unit (Cho et al. 2014); as <see cref="LSTM"/> with a single state h.</summary>
public sealed class GRU(long inputSize, long hiddenSize, int numLayers = 1, bool hasBias = true, bool batchFirst = false, double dropout = 0, bool bidirectional = false)
    : RecurrentBase(inputSize, hiddenSize, 3, numLayers, hasBias, batchFirst, dropout, bidirectional)
{
    private static readonly Operator GruOp = new("aten::gru", "input");

    public (Tensor output, Tensor h) forward(Tensor input, Tensor? h0 = null)
    {
        var batch = CheckInput(input);
        using var scope = NewDisposeScope();
        var results = GruOp.CallMany(input, h0 ?? ZeroState(input, batch), flatWeights, bias, (long)num_layers, dropout, training, bidirectional, batch_first);
        scope.MoveToOuter(results);
        return (results[0], results[1]);
    }

    public (Tensor output, Tensor h) call(Tensor input, Tensor? h0 = null) => forward(input, h0);
}

/// <summary>One LSTM step: input [batch, input_size] and state (h, c) [batch, hidden] -> the next (h, c).
/// For loops that need the state at every step (e.g. feeding predictions back).</summary>
public sealed class LSTMCell : Module
{
    private static readonly Operator LstmCellOp = new("aten::lstm_cell");

    public LSTMCell(long inputSize, long hiddenSize, bool hasBias = true)
    {
        input_size = inputSize;
        hidden_size = hiddenSize;
        var bound = 1 / Math.Sqrt(hiddenSize);
        weight_ih = register_parameter("weight_ih", nn.init.uniform_(empty([4 * hiddenSize, inputSize]), -bound, bound));
        weight_hh = register_parameter("weight_hh", nn.init.uniform_(empty([4 * hiddenSize, hiddenSize]), -bound, bound));
        if (hasBias)
        {
            bias_ih = register_parameter("bias_ih", nn.init.uniform_(empty([4 * hiddenSize]), -bound, bound));
            bias_hh = register_parameter("bias_hh", nn.init.uniform_(empty([4 * hiddenSize]), -bound, bound));
        }
    }

    public long input_size { get; }
    public long hidden_size { get; }
    public Tensor weight_ih { get; }
    public Tensor weight_hh { get; }
    public Tensor? bias_ih { get; }
    public Tensor? bias_hh { get; }

    public (Tensor h, Tensor c) forward(Tensor input, (Tensor h, Tensor c)? state = null)
    {
        if (input.dim() != 2 || input.size(1) != input_size)
            throw new ArgumentException($"{this.Describe()}: input {input.Shape()} must be [batch, {input_size}]", nameof(input));
        using var scope = NewDisposeScope();
        var (h, c) = state ?? (zeros([input.size(0), hidden_size], input.dtype, input.device), zeros([input.size(0), hidden_size], input.dtype, input.device));
        var results = LstmCellOp.CallMany(input, new[] { h, c }, weight_ih, weight_hh, bias_ih, bias_hh);
        scope.MoveToOuter(results);
        return (results[0], results[1]);
    }

    public (Tensor h, Tensor c) call(Tensor input, (Tensor h, Tensor c)? state = null) => forward(input, state);

    protected override string ExtraRepr() => $"{input_size}, {hidden_size}" + (bias_ih is null ? ", bias=False" : "");
}
