namespace HydroWorkshop.Torch;

/// <summary>
/// The ATen operators the typed API uses, resolved once by name. Overload names are those of libtorch
/// 1.13, which 2.x keeps; arguments left out take the schema's defaults.
/// </summary>
internal static class Ops
{
    private static Operator Op(string name, string overload = "") => new("aten::" + name, overload);

    // creation
    internal static readonly Operator zeros = Op("zeros"), ones = Op("ones"), empty = Op("empty", "memory_format"), full = Op("full");
    internal static readonly Operator zeros_like = Op("zeros_like"), ones_like = Op("ones_like"), full_like = Op("full_like");
    internal static readonly Operator rand = Op("rand"), rand_generator = Op("rand", "generator");
    internal static readonly Operator randn = Op("randn"), randn_generator = Op("randn", "generator");
    internal static readonly Operator randint = Op("randint", "low"), randint_generator = Op("randint", "low_generator");
    internal static readonly Operator randperm = Op("randperm"), randperm_generator = Op("randperm", "generator");
    internal static readonly Operator arange = Op("arange", "start_step"), linspace = Op("linspace"), eye = Op("eye");
    internal static readonly Operator normal_ = Op("normal_"), uniform_ = Op("uniform_");

    // arithmetic (Tensor and Scalar overloads)
    internal static readonly Operator add = Op("add", "Tensor"), add_scalar = Op("add", "Scalar");
    internal static readonly Operator sub = Op("sub", "Tensor"), sub_scalar = Op("sub", "Scalar"), rsub_scalar = Op("rsub", "Scalar");
    internal static readonly Operator mul = Op("mul", "Tensor"), mul_scalar = Op("mul", "Scalar");
    internal static readonly Operator div = Op("div", "Tensor"), div_scalar = Op("div", "Scalar");
    internal static readonly Operator remainder = Op("remainder", "Tensor"), remainder_scalar = Op("remainder", "Scalar");
    internal static readonly Operator pow = Op("pow", "Tensor_Tensor"), pow_scalar = Op("pow", "Tensor_Scalar"), pow_scalar_base = Op("pow", "Scalar");
    internal static readonly Operator neg = Op("neg"), abs = Op("abs"), sign = Op("sign"), reciprocal = Op("reciprocal"), square = Op("square");
    internal static readonly Operator add_ = Op("add_", "Tensor"), add_scalar_ = Op("add_", "Scalar");
    internal static readonly Operator sub_ = Op("sub_", "Tensor"), mul_ = Op("mul_", "Tensor"), mul_scalar_ = Op("mul_", "Scalar");
    internal static readonly Operator div_ = Op("div_", "Tensor"), div_scalar_ = Op("div_", "Scalar");
    internal static readonly Operator addcmul_ = Op("addcmul_"), addcdiv_ = Op("addcdiv_"), lerp_ = Op("lerp_", "Scalar");
    internal static readonly Operator zero_ = Op("zero_"), fill_ = Op("fill_", "Scalar"), copy_ = Op("copy_");
    internal static readonly Operator clamp_ = Op("clamp_"), sqrt_ = Op("sqrt_"), masked_fill_ = Op("masked_fill_", "Scalar");

    // elementwise maths
    internal static readonly Operator exp = Op("exp"), log = Op("log"), log1p = Op("log1p"), expm1 = Op("expm1"), sqrt = Op("sqrt"), rsqrt = Op("rsqrt");
    internal static readonly Operator sin = Op("sin"), cos = Op("cos"), floor = Op("floor"), ceil = Op("ceil"), round = Op("round"), erf = Op("erf");
    internal static readonly Operator clamp = Op("clamp"), clamp_tensor = Op("clamp", "Tensor");
    internal static readonly Operator sigmoid = Op("sigmoid"), tanh = Op("tanh"), relu = Op("relu"), gelu = Op("gelu"), silu = Op("silu");
    internal static readonly Operator softplus = Op("softplus"), leaky_relu = Op("leaky_relu"), elu = Op("elu");
    internal static readonly Operator softmax = Op("softmax", "int"), log_softmax = Op("log_softmax", "int");
    internal static readonly Operator maximum = Op("maximum"), minimum = Op("minimum");
    internal static readonly Operator where = Op("where", "self"), where_scalar_other = Op("where", "ScalarOther"), where_scalar_self = Op("where", "ScalarSelf");
    internal static readonly Operator isnan = Op("isnan"), isfinite = Op("isfinite"), nan_to_num = Op("nan_to_num");

    // comparisons and logic
    internal static readonly Operator eq = Op("eq", "Tensor"), eq_scalar = Op("eq", "Scalar"), ne = Op("ne", "Tensor"), ne_scalar = Op("ne", "Scalar");
    internal static readonly Operator lt = Op("lt", "Tensor"), lt_scalar = Op("lt", "Scalar"), le = Op("le", "Tensor"), le_scalar = Op("le", "Scalar");
    internal static readonly Operator gt = Op("gt", "Tensor"), gt_scalar = Op("gt", "Scalar"), ge = Op("ge", "Tensor"), ge_scalar = Op("ge", "Scalar");
    internal static readonly Operator logical_and = Op("logical_and"), logical_or = Op("logical_or"), logical_not = Op("logical_not");
    internal static readonly Operator allclose = Op("allclose"), equal = Op("equal");

    // reductions
    internal static readonly Operator sum = Op("sum"), sum_dim = Op("sum", "dim_IntList"), mean = Op("mean"), mean_dim = Op("mean", "dim");
    internal static readonly Operator nansum = Op("nansum"), nanmean = Op("nanmean"), prod = Op("prod"), prod_dim = Op("prod", "dim_int");
    internal static readonly Operator max = Op("max"), max_dim = Op("max", "dim"), min = Op("min"), min_dim = Op("min", "dim");
    internal static readonly Operator argmax = Op("argmax"), argmin = Op("argmin");
    internal static readonly Operator std = Op("std", "dim"), var = Op("var", "dim");
    internal static readonly Operator all = Op("all"), any = Op("any"), cumsum = Op("cumsum"), logsumexp = Op("logsumexp");
    internal static readonly Operator norm = Op("norm", "ScalarOpt_dim"), sort = Op("sort"), topk = Op("topk");

    // linear algebra
    internal static readonly Operator matmul = Op("matmul"), mm = Op("mm"), bmm = Op("bmm"), linear = Op("linear");

    // shape
    internal static readonly Operator reshape = Op("reshape"), view = Op("view"), permute = Op("permute"), transpose = Op("transpose", "int");
    internal static readonly Operator unsqueeze = Op("unsqueeze"), squeeze = Op("squeeze"), squeeze_dim = Op("squeeze", "dim");
    internal static readonly Operator expand = Op("expand"), expand_as = Op("expand_as"), flatten = Op("flatten", "using_ints"), unflatten = Op("unflatten", "int");
    internal static readonly Operator cat = Op("cat"), stack = Op("stack"), split = Op("split", "Tensor"), split_sizes = Op("split_with_sizes");
    internal static readonly Operator chunk = Op("chunk"), narrow = Op("narrow"), contiguous = Op("contiguous"), clone = Op("clone");
    internal static readonly Operator repeat = Op("repeat"), flip = Op("flip"), roll = Op("roll"), t = Op("t"), triu = Op("triu"), tril = Op("tril");

    // indexing
    internal static readonly Operator select = Op("select", "int"), slice = Op("slice", "Tensor"), index = Op("index", "Tensor");
    internal static readonly Operator index_put_ = Op("index_put_"), index_select = Op("index_select"), masked_select = Op("masked_select");
    internal static readonly Operator masked_fill = Op("masked_fill", "Scalar"), gather = Op("gather"), nonzero = Op("nonzero");

    // types, devices, autograd
    internal static readonly Operator to_dtype = Op("to", "dtype"), to_device = Op("to", "device"), detach = Op("detach");
    internal static readonly Operator lstm = Op("lstm", "input");
}
