using HydroWorkshop.Engine;
using HydroWorkshop.FloodData;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Maps;

/// <summary>
/// CNN–LSTM map model (the CSDMS workshop's architecture): each frame's gridded inputs (extra maps, averaged to 1/8 of
/// the grid) are encoded to a vector, an LSTM runs over the encoded sequence and the forcing, and a CNN decoder turns
/// each step's LSTM output back into a map. Without extra maps there is nothing gridded to encode per frame (a
/// broadcast forcing is a constant map), and the LSTM reads the forcing alone. A second CNN encodes what does
/// not change within the event, the static maps and the warm-up depth maps, into the LSTM's initial state. Not autoregressive: every frame
/// of the event is encoded and decoded in one batched pass, which is what makes a whole-event roll-out fast. The context's coarse map
/// joins the LSTM output at the decoder's bottleneck, and features of the static maps and last observed depth, computed
/// once per event, join the decoder at half resolution (skip connections: obstacles and the water's edge come from
/// there, the dynamics from the LSTM; the last frame enters both as depth and as a wet indicator, so that a thin film
/// counts as water). Each step's LSTM output also shifts every decoder channel directly (after the
/// decoder's last ReLU), and the raw forcing joins the LSTM's input: with only the path through the bottleneck's ReLUs,
/// a trained model could stop responding to the forcing altogether and predict the same map at every step of an event
/// (measured on two of the four flume test events before this path existed). The head works at half resolution and is
/// upsampled bilinearly; the decoder uses 2x2 stride-2 transposed convolutions. The context's and the skip features'
/// shares of the decoder's first layer and of the head are computed once per event, so a frame costs about 0.8 million
/// multiply-adds on the default flume (an extra map adds about 0.07).
/// Depth(t) = ReLU(base + decoded change) x wet gate x open (<see cref="DepthOutput"/>), where the base is the last
/// observed depth, or, with <c>depthFromExtraMap</c>, frame t's extra map times a learned factor: a coarse simulation of
/// the same event (the multi-fidelity variant), which the network then only corrects.
/// Grid rows and columns must be multiples of 8.
/// </summary>
public sealed class CnnLstm : nn.Module, IMapModel
{
    /// <param name="inputs">Channels and grid of the batches.</param>
    /// <param name="warmupFrames">Observed frames before the first prediction.</param>
    /// <param name="features">Channels of the CNN encoders and decoder.</param>
    /// <param name="latent">Size of a frame's encoded extra maps (with extra maps).</param>
    /// <param name="hiddenSize">LSTM hidden size.</param>
    /// <param name="depthFromExtraMap">The one extra map is a first guess of each frame's depth in the units of the depth
    /// maps (a coarse simulation, <c>Surrogates.MapSequences.FromFlume</c> with a coarse-solver factor): each frame starts from
    /// it instead of the last observed depth, and the LSTM does not read it (measured on the flume: the same accuracy
    /// without the LSTM reading it, or with it also joining the decoder, and a quarter less time per roll-out).</param>
    public CnnLstm(MapInputs inputs, int warmupFrames, int features = 8, int latent = 64, int hiddenSize = 64,
        bool depthFromExtraMap = false) : base(nameof(CnnLstm))
    {
        if (inputs.Rows % 8 != 0 || inputs.Columns % 8 != 0)
            throw new ArgumentException($"CnnLstm: grid {inputs.Rows} x {inputs.Columns} must be a multiple of 8 in both directions",
                nameof(inputs));
        if (warmupFrames < 1) throw new ArgumentOutOfRangeException(nameof(warmupFrames), warmupFrames,
            "CnnLstm needs at least one warm-up frame");
        if (inputs.Forcings + inputs.Extra < 1) throw new ArgumentException("CnnLstm needs at least one forcing or extra map per frame",
            nameof(inputs));
        Inputs = inputs;
        WarmupFrames = warmupFrames;
        if (depthFromExtraMap && inputs.Extra != 1)
            throw new ArgumentException($"CnnLstm: depthFromExtraMap needs exactly one extra map (the depth guess), got {inputs.Extra}",
                nameof(depthFromExtraMap));
        DepthFromExtraMap = depthFromExtraMap;
        Features = features;
        (coarseRows, coarseColumns) = (inputs.Rows / 8, inputs.Columns / 8);
        var coarse = 2L * features * coarseRows * coarseColumns;
        // Only per-frame maps need a frame encoder: a forcing broadcast over the grid is a constant map, which the LSTM
        // reads more cheaply as the number itself. Extra maps are averaged to the bottleneck's resolution and projected:
        // a convolutional encoder over the full grid cost as much per frame as the whole decoder.
        if (inputs.Extra > 0 && !depthFromExtraMap)
            // [n, latent]
            register_module("frame_projection", frameProjection = nn.Linear((long)inputs.Extra * coarseRows * coarseColumns, latent));
        // The guess and the depth maps are scaled separately (each by its largest value), so a learned factor, starting
        // at 1, reconciles them.
        if (depthFromExtraMap) register_parameter("depth_guess_scale", depthGuessScale = nn.Parameter(ones(1)));
        register_module("context_encoder", contextEncoder = nn.Sequential(
            nn.Conv2d(inputs.Statics + warmupFrames, features, 3, stride: 2, padding: 1), nn.ReLU(),   // [b, f, y/2, x/2]
            nn.Conv2d(features, 2 * features, 3, stride: 2, padding: 1), nn.ReLU(),                   // [b, 2f, y/4, x/4]
            nn.Conv2d(2 * features, 2 * features, 3, stride: 2, padding: 1), nn.ReLU()));             // [b, 2f, y/8, x/8]
        register_module("context_projection", contextProjection = nn.Linear(coarse, 2L * hiddenSize)); // h0, c0
        register_module("lstm", lstm = nn.LSTM((frameProjection is not null ? latent : 0) + inputs.Forcings, hiddenSize, batchFirst: true));
        register_module("decoder_projection", decoderProjection = nn.Linear(hiddenSize, coarse));      // [n, 2f * y/8 * x/8]
        // [n, f], a shift per decoder channel
        register_module("step_projection", stepProjection = nn.Linear(hiddenSize, features));
        decoderIn = nn.ConvTranspose2d(4 * features, 2 * features, 2, stride: 2);                    // [n, 2f, y/4, x/4]
        decoderOut = nn.ConvTranspose2d(2 * features, features, 2, stride: 2);                       // [n, f, y/2, x/2]
        register_module("decoder", nn.Sequential(decoderIn, nn.ReLU(), decoderOut, nn.ReLU()));
        register_module("skip_encoder", skipEncoder = nn.Sequential(
            nn.Conv2d(inputs.Statics + 2, features, 3, padding: 1), nn.ReLU(),                        // [b, f, y, x]
            nn.Conv2d(features, features, 3, stride: 2, padding: 1), nn.ReLU()));                     // [b, f, y/2, x/2]
        // [n, 2 (change, wet logit), y/2, x/2]
        register_module("head", head = nn.Conv2d(2 * features, 2, 3, padding: 1));
        // [n, 2, y, x]; align_corners given: libtorch warns once otherwise
        register_module("upsample", upsample = nn.Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Bilinear, align_corners: false));
        DepthOutput.Initialise(head);
    }

    public MapInputs Inputs { get; }
    /// <summary>Whether each frame starts from the extra map (a coarse simulation) instead of the last observed depth.</summary>
    public bool DepthFromExtraMap { get; }
    public int WarmupFrames { get; }
    public int Features { get; }

    private readonly int coarseRows, coarseColumns;
    private readonly Sequential contextEncoder, skipEncoder;
    private readonly ConvTranspose2d decoderIn, decoderOut;
    private readonly Linear contextProjection, decoderProjection, stepProjection;
    private readonly Linear? frameProjection;
    private readonly Parameter? depthGuessScale;                                                      // [1]
    private readonly LSTM lstm;
    private readonly Conv2d head;
    private readonly Upsample upsample;

    public MapRollout Rollout(MapBatch batch, int warmupFrames, double teacherForcing = 0, Random? random = null)
    {
        if (warmupFrames != WarmupFrames)
            throw new ArgumentException($"CnnLstm was built for {WarmupFrames} warm-up frames, got {warmupFrames}", nameof(warmupFrames));
        var frames = (int)batch.Frames;
        if (warmupFrames >= frames) throw new ArgumentOutOfRangeException(nameof(warmupFrames),
            $"warm-up {warmupFrames} leaves nothing of {frames} frames to predict");
        if (batch.ObservedFrames < warmupFrames)
            throw new ArgumentException($"the batch observes {batch.ObservedFrames} frame(s), fewer than the {warmupFrames} warm-up frames",
                nameof(batch));
        using var scope = NewDisposeScope();
        var (b, rows, columns) = (batch.Size, batch.Rows, batch.Columns);
        var n = frames - warmupFrames;

        // Extra maps of every frame at once, averaged over 8 x 8 cells: [b * time, extra, y/8, x/8] -> [b, time, latent].
        var sequence = batch.Forcing;                                                               // [b, time, forcings]
        if (Inputs.Extra > 0 && batch.Extra is null)
            throw new ArgumentException($"CnnLstm was built for {Inputs.Extra} extra map(s) per frame; the batch has none", nameof(batch));
        if (frameProjection is not null)
        {
            var pooled = nn.functional.avg_pool2d(batch.Extra!.reshape(b * frames, Inputs.Extra, rows, columns), [8, 8]);
            // [b, time, latent + forcings]
            sequence = cat([frameProjection.forward(pooled.flatten(1)).relu().reshape(b, frames, -1), batch.Forcing], 2);
        }

        // Context, once per event: static maps and the warm-up depths set the LSTM's initial state and the bottleneck map.
        var warmup = batch.Depth.narrow(1, 0, warmupFrames);                                        // [b, k, y, x]
        var contextMap = contextEncoder.forward(cat([batch.Statics, warmup], 1));                   // [b, 2f, y/8, x/8]
        var context = contextProjection.forward(contextMap.flatten(1)).tanh();                     // [b, 2 hidden]
        var hidden = context.size(1) / 2;
        var h0 = context.narrow(1, 0, hidden).unsqueeze(0).contiguous();                           // [1, b, hidden]
        var c0 = context.narrow(1, hidden, hidden).unsqueeze(0).contiguous();
        var (output, _, _) = NativeLstm.Forward(lstm, sequence, (h0, c0));                          // [b, time, hidden]

        // Decoder over the predicted frames at once, with the context map at the bottleneck and skip features at y/2.
        // Both join through a linear layer (the decoder's first transposed convolution, the head), so their share is
        // computed once per event and added to every frame: the same sums as concatenating them to each frame's
        // channels, without n copies of each (this halved the roll-out's time).
        var predictedOutput = output.narrow(1, warmupFrames, n).reshape(b * n, -1);                // [b * n, hidden]
        var twoF = 2L * Features;
        var decoded = decoderProjection.forward(predictedOutput).reshape(b * n, twoF, coarseRows, coarseColumns);
        var fromFrames = nn.functional.conv_transpose2d(decoded, decoderIn.weight.narrow(0, 0, twoF), decoderIn.bias, decoderIn.stride);
        var fromContext = nn.functional.conv_transpose2d(contextMap, decoderIn.weight.narrow(0, twoF, twoF), null, decoderIn.stride);
        var quarter = (fromFrames.reshape(b, n, twoF, rows / 4, columns / 4) + fromContext.unsqueeze(1)).relu()
            .reshape(b * n, twoF, rows / 4, columns / 4);                                            // [b * n, 2f, y/4, x/4]
        var step = stepProjection.forward(predictedOutput)[.., .., TensorIndex.None, TensorIndex.None];   // [b * n, f, 1, 1]
        var half = decoderOut.forward(quarter).relu() + step;                                        // [b * n, f, y/2, x/2]
        var last = batch.Depth.select(1, warmupFrames - 1).unsqueeze(1);                            // [b, 1, y, x]
        var skip = skipEncoder.forward(cat([batch.Statics, last, WetIndicator(last)], 1));          // [b, f, y/2, x/2]
        var headFromFrames = nn.functional.conv2d(half, head.weight.narrow(1, 0, Features), head.bias, padding: head.padding);
        var headFromSkip = nn.functional.conv2d(skip, head.weight.narrow(1, Features, Features), null, padding: head.padding);
        var headHalf = (headFromFrames.reshape(b, n, 2, rows / 2, columns / 2) + headFromSkip.unsqueeze(1))
            .reshape(b * n, 2, rows / 2, columns / 2);                                              // [b * n, 2, y/2, x/2]
        var headOutput = upsample.forward(headHalf);                                                // [b * n, 2, y, x]
        var baseDepth = depthGuessScale is null
            ? last.unsqueeze(1).expand(b, n, 1, rows, columns).reshape(b * n, 1, rows, columns)       // [b * n, 1, y, x]
            : (batch.Extra!.narrow(1, warmupFrames, n) * depthGuessScale).reshape(b * n, 1, rows, columns);
        var open = batch.Open.unsqueeze(1).expand(b, n, 1, rows, columns).reshape(b * n, 1, rows, columns);
        var (depth, logit) = DepthOutput.Apply(headOutput, baseDepth, open, training);              // [b * n, 1, y, x] each
        return new MapRollout(depth.reshape(b, n, rows, columns).MoveToOuterDisposeScope(),
            logit.reshape(b, n, rows, columns).MoveToOuterDisposeScope());
    }

    /// <summary>1 where the last observed frame holds any water, else 0 ([b, 1, y, x]). In model units a 5 mm film on a
    /// flume whose deepest water is 16 cm is 0.03, which the skip features barely registered: a model without this
    /// channel let its wet/dry gate close over the still-water film ahead of the flood wave (two of four test events
    /// started with one, and most of their misses at 1 mm were film cells in the first frames).</summary>
    private static Tensor WetIndicator(Tensor depth) => (depth > 0.0).to(ScalarType.Float32);
}
