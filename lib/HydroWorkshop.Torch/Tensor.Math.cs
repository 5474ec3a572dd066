namespace HydroWorkshop.Torch;

// Arithmetic with broadcasting, elementwise maths and comparisons.
public sealed partial class Tensor
{
    // ---- operators ---------------------------------------------------------------------------
    public static Tensor operator +(Tensor a, Tensor b) => a.add(b);
    public static Tensor operator +(Tensor a, double b) => a.add(b);
    public static Tensor operator +(double a, Tensor b) => b.add(a);
    // Whole numbers keep integer tensors integer, as Python ints do in PyTorch.
    public static Tensor operator +(Tensor a, long b) => a.add(b);
    public static Tensor operator +(long a, Tensor b) => b.add(a);
    public static Tensor operator -(Tensor a, long b) => a.sub(b);
    public static Tensor operator -(long a, Tensor b) => Ops.rsub_scalar.Call(b, a, 1L);
    public static Tensor operator *(Tensor a, long b) => a.mul(b);
    public static Tensor operator *(long a, Tensor b) => b.mul(a);
    public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);
    public static Tensor operator -(Tensor a, double b) => a.sub(b);
    public static Tensor operator -(double a, Tensor b) => Ops.rsub_scalar.Call(b, a, 1L);
    public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);
    public static Tensor operator *(Tensor a, double b) => a.mul(b);
    public static Tensor operator *(double a, Tensor b) => b.mul(a);
    public static Tensor operator /(Tensor a, Tensor b) => a.div(b);
    public static Tensor operator /(Tensor a, double b) => a.div(b);
    public static Tensor operator /(double a, Tensor b) => b.reciprocal_times(a);
    public static Tensor operator %(Tensor a, Tensor b) => Ops.remainder.Call(a, b);
    public static Tensor operator %(Tensor a, double b) => Ops.remainder_scalar.Call(a, b);
    public static Tensor operator -(Tensor a) => a.neg();
    public static Tensor operator <(Tensor a, Tensor b) => a.lt(b);
    public static Tensor operator <(Tensor a, double b) => a.lt(b);
    public static Tensor operator >(Tensor a, Tensor b) => a.gt(b);
    public static Tensor operator >(Tensor a, double b) => a.gt(b);
    public static Tensor operator <=(Tensor a, Tensor b) => a.le(b);
    public static Tensor operator <=(Tensor a, double b) => a.le(b);
    public static Tensor operator >=(Tensor a, Tensor b) => a.ge(b);
    public static Tensor operator >=(Tensor a, double b) => a.ge(b);
    public static Tensor operator <(double a, Tensor b) => b.gt(a);
    public static Tensor operator >(double a, Tensor b) => b.lt(a);
    public static Tensor operator <=(double a, Tensor b) => b.ge(a);
    public static Tensor operator >=(double a, Tensor b) => b.le(a);
    public static Tensor operator &(Tensor a, Tensor b) => a.logical_and(b);
    public static Tensor operator |(Tensor a, Tensor b) => a.logical_or(b);
    public static Tensor operator !(Tensor a) => a.logical_not();

    private Tensor reciprocal_times(double a)
    {
        using var r = reciprocal();
        return r.mul(a);
    }

    // ---- arithmetic ----------------------------------------------------------------------------
    /// <summary>this + alpha * other, broadcasting.</summary>
    public Tensor add(Tensor other, double alpha = 1) => Ops.add.Call(this, other, Alpha(alpha));
    public Tensor add(double other) => Ops.add_scalar.Call(this, other, 1L);
    public Tensor add(long other) => Ops.add_scalar.Call(this, other, 1L);
    public Tensor sub(Tensor other, double alpha = 1) => Ops.sub.Call(this, other, Alpha(alpha));
    public Tensor sub(double other) => Ops.sub_scalar.Call(this, other, 1L);
    public Tensor sub(long other) => Ops.sub_scalar.Call(this, other, 1L);
    public Tensor mul(Tensor other) => Ops.mul.Call(this, other);
    public Tensor mul(double other) => Ops.mul_scalar.Call(this, other);
    public Tensor mul(long other) => Ops.mul_scalar.Call(this, other);
    public Tensor div(Tensor other) => Ops.div.Call(this, other);
    public Tensor div(double other) => Ops.div_scalar.Call(this, other);
    public Tensor pow(double exponent) => Ops.pow_scalar.Call(this, exponent);
    public Tensor pow(Tensor exponent) => Ops.pow.Call(this, exponent);
    public Tensor neg() => Ops.neg.Call(this);
    public Tensor abs() => Ops.abs.Call(this);
    public Tensor sign() => Ops.sign.Call(this);
    public Tensor reciprocal() => Ops.reciprocal.Call(this);
    public Tensor square() => Ops.square.Call(this);
    public Tensor maximum(Tensor other) => Ops.maximum.Call(this, other);
    public Tensor minimum(Tensor other) => Ops.minimum.Call(this, other);

    // ---- in place (return this) -------------------------------------------------------------
    public Tensor add_(Tensor other, double alpha = 1) { Ops.add_.CallInPlace(this, other, Alpha(alpha)); return this; }
    public Tensor add_(double other) { Ops.add_scalar_.CallInPlace(this, other, 1L); return this; }
    public Tensor add_(long other) { Ops.add_scalar_.CallInPlace(this, other, 1L); return this; }
    public Tensor sub_(Tensor other, double alpha = 1) { Ops.sub_.CallInPlace(this, other, Alpha(alpha)); return this; }
    public Tensor mul_(Tensor other) { Ops.mul_.CallInPlace(this, other); return this; }
    public Tensor mul_(double other) { Ops.mul_scalar_.CallInPlace(this, other); return this; }
    public Tensor div_(Tensor other) { Ops.div_.CallInPlace(this, other); return this; }
    public Tensor div_(double other) { Ops.div_scalar_.CallInPlace(this, other); return this; }
    /// <summary>this += value * t1 * t2.</summary>
    public Tensor addcmul_(Tensor t1, Tensor t2, double value = 1) { Ops.addcmul_.CallInPlace(this, t1, t2, value); return this; }
    /// <summary>this += value * t1 / t2.</summary>
    public Tensor addcdiv_(Tensor t1, Tensor t2, double value = 1) { Ops.addcdiv_.CallInPlace(this, t1, t2, value); return this; }
    /// <summary>this += weight * (end - this).</summary>
    public Tensor lerp_(Tensor end, double weight) { Ops.lerp_.CallInPlace(this, end, weight); return this; }
    public Tensor zero_() { Ops.zero_.CallInPlace(this); return this; }
    public Tensor fill_(double value) { Ops.fill_.CallInPlace(this, value); return this; }
    public Tensor copy_(Tensor source) { Ops.copy_.CallInPlace(this, source, false); return this; }
    public Tensor sqrt_() { Ops.sqrt_.CallInPlace(this); return this; }
    public Tensor clamp_(double? min = null, double? max = null) { Ops.clamp_.CallInPlace(this, Optional(min), Optional(max)); return this; }
    public Tensor masked_fill_(Tensor mask, double value) { Ops.masked_fill_.CallInPlace(this, mask, value); return this; }
    /// <summary>Fills with samples of N(mean, std²).</summary>
    public Tensor normal_(double mean = 0, double std = 1, torch.Generator? generator = null) { Ops.normal_.CallInPlace(this, mean, std, generator); return this; }
    /// <summary>Fills with samples of U(from, to).</summary>
    public Tensor uniform_(double from = 0, double to = 1, torch.Generator? generator = null) { Ops.uniform_.CallInPlace(this, from, to, generator); return this; }

    // ---- elementwise maths ------------------------------------------------------------------
    public Tensor exp() => Ops.exp.Call(this);
    public Tensor log() => Ops.log.Call(this);
    public Tensor log1p() => Ops.log1p.Call(this);
    public Tensor expm1() => Ops.expm1.Call(this);
    public Tensor sqrt() => Ops.sqrt.Call(this);
    public Tensor rsqrt() => Ops.rsqrt.Call(this);
    public Tensor sin() => Ops.sin.Call(this);
    public Tensor cos() => Ops.cos.Call(this);
    public Tensor floor() => Ops.floor.Call(this);
    public Tensor ceil() => Ops.ceil.Call(this);
    public Tensor round() => Ops.round.Call(this);
    public Tensor erf() => Ops.erf.Call(this);
    public Tensor clamp(double? min = null, double? max = null) => Ops.clamp.Call(this, Optional(min), Optional(max));
    public Tensor clamp(Tensor? min, Tensor? max) => Ops.clamp_tensor.Call(this, min, max);
    public Tensor clamp_min(double min) => clamp(min, null);
    public Tensor clamp_max(double max) => clamp(null, max);
    public Tensor sigmoid() => Ops.sigmoid.Call(this);
    public Tensor tanh() => Ops.tanh.Call(this);
    public Tensor relu() => Ops.relu.Call(this);
    /// <summary>GELU; <paramref name="approximate"/> "none" (exact, erf) or "tanh".</summary>
    public Tensor gelu(string approximate = "none") => Ops.gelu.Call(this, approximate);
    public Tensor silu() => Ops.silu.Call(this);
    public Tensor softplus(double beta = 1, double threshold = 20) => Ops.softplus.Call(this, beta, threshold);
    public Tensor leaky_relu(double negative_slope = 0.01) => Ops.leaky_relu.Call(this, negative_slope);
    public Tensor elu(double alpha = 1) => Ops.elu.Call(this, alpha);
    public Tensor softmax(long dim, ScalarType? dtype = null) => Ops.softmax.Call(this, dim, dtype);
    public Tensor log_softmax(long dim, ScalarType? dtype = null) => Ops.log_softmax.Call(this, dim, dtype);
    public Tensor isnan() => Ops.isnan.Call(this);
    public Tensor isfinite() => Ops.isfinite.Call(this);
    /// <summary>Replaces NaN with <paramref name="nan"/> (and ±inf with the dtype's extremes unless given).</summary>
    public Tensor nan_to_num(double nan = 0, double? posinf = null, double? neginf = null) =>
        Ops.nan_to_num.Call(this, nan, Optional(posinf), Optional(neginf));

    /// <summary>Where <paramref name="condition"/> holds, this; elsewhere <paramref name="other"/>.</summary>
    public Tensor where(Tensor condition, Tensor other) => Ops.where.Call(condition, this, other);
    public Tensor where(Tensor condition, double other) => Ops.where_scalar_other.Call(condition, this, other);

    // ---- comparisons and logic ------------------------------------------------------------------
    public Tensor eq(Tensor other) => Ops.eq.Call(this, other);
    public Tensor eq(double other) => Ops.eq_scalar.Call(this, other);
    public Tensor ne(Tensor other) => Ops.ne.Call(this, other);
    public Tensor ne(double other) => Ops.ne_scalar.Call(this, other);
    public Tensor lt(Tensor other) => Ops.lt.Call(this, other);
    public Tensor lt(double other) => Ops.lt_scalar.Call(this, other);
    public Tensor le(Tensor other) => Ops.le.Call(this, other);
    public Tensor le(double other) => Ops.le_scalar.Call(this, other);
    public Tensor gt(Tensor other) => Ops.gt.Call(this, other);
    public Tensor gt(double other) => Ops.gt_scalar.Call(this, other);
    public Tensor ge(Tensor other) => Ops.ge.Call(this, other);
    public Tensor ge(double other) => Ops.ge_scalar.Call(this, other);
    public Tensor logical_and(Tensor other) => Ops.logical_and.Call(this, other);
    public Tensor logical_or(Tensor other) => Ops.logical_or.Call(this, other);
    public Tensor logical_not() => Ops.logical_not.Call(this);

    /// <summary>True when every element is within atol + rtol * |other| (NaNs equal if asked).</summary>
    public bool allclose(Tensor other, double rtol = 1e-5, double atol = 1e-8, bool equal_nan = false)
    {
        Span<Native.HwValue> results = stackalloc Native.HwValue[1];
        Ops.allclose.Invoke([this, other, rtol, atol, equal_nan], results);
        return results[0].I != 0;
    }

    /// <summary>True when shapes and every element are equal.</summary>
    public bool equal(Tensor other)
    {
        Span<Native.HwValue> results = stackalloc Native.HwValue[1];
        Ops.equal.Invoke([this, other], results);
        return results[0].I != 0;
    }

    // ---- linear algebra --------------------------------------------------------------------------
    /// <summary>Matrix product with broadcasting over batch dimensions, as torch.matmul.</summary>
    public Tensor matmul(Tensor other) => Ops.matmul.Call(this, other);
    /// <summary>[n, m] x [m, p] -> [n, p].</summary>
    public Tensor mm(Tensor other) => Ops.mm.Call(this, other);
    /// <summary>[b, n, m] x [b, m, p] -> [b, n, p].</summary>
    public Tensor bmm(Tensor other) => Ops.bmm.Call(this, other);

    /// <summary>libtorch refuses a floating-point alpha for integer tensors; whole numbers go as integers.</summary>
    private static Arg Alpha(double alpha) => alpha == Math.Floor(alpha) && Math.Abs(alpha) < 1e15 ? (long)alpha : alpha;

    private static Arg Optional(double? value) => value is null ? Arg.None : value.Value;
}
