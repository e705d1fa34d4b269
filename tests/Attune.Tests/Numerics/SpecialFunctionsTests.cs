using Attune.Numerics;

namespace Attune.Tests.Numerics;

/// <summary>Golden values from mpmath at 120 digits.</summary>
public class SpecialFunctionsTests
{
    public static TheoryData<double, double> Erf => new()
    {
        { 1e-300, 1.1283791670955126022e-300 },
        { 1e-20, 1.128379167095512512e-20 },
        { 1e-08, 1.1283791670955125599e-8 },
        { 0.1, 1.124629160182848984e-1 },
        { 0.46875, 4.9261347321793799159e-1 },
        { 0.5, 5.2049987781304653768e-1 },
        { 1.0, 8.4270079294971486934e-1 },
        { 2.0, 9.9532226501895273416e-1 },
        { 3.9, 9.9999996520775140277e-1 },
        { 4.0, 9.9999998458274209972e-1 },
        { 4.5, 9.9999999980338395585e-1 },
        { 6.0, 9.9999999999999997848e-1 },
        { 10.0, 1.0 },
        { 15.0, 1.0 },
        { 26.0, 1.0 },
        { -0.3, -3.2862675945912741619e-1 },
        { -1.0, -8.4270079294971486934e-1 },
        { -2.5, -9.9959304798255504106e-1 },
        { -5.0, -9.9999999999846254021e-1 },
    };

    public static TheoryData<double, double> Erfc => new()
    {
        { 1e-300, 1.0 },
        { 1e-20, 9.9999999999999999999e-1 },
        { 1e-08, 9.9999998871620832904e-1 },
        { 0.1, 8.875370839817151016e-1 },
        { 0.46875, 5.0738652678206200841e-1 },
        { 0.5, 4.7950012218695346232e-1 },
        { 1.0, 1.5729920705028513066e-1 },
        { 2.0, 4.6777349810472658379e-3 },
        { 3.9, 3.4792248597231767129e-8 },
        { 4.0, 1.5417257900280018852e-8 },
        { 4.5, 1.9661604415428874763e-10 },
        { 6.0, 2.1519736712498913117e-17 },
        { 10.0, 2.088487583762544757e-45 },
        { 15.0, 7.2129941724512066666e-100 },
        { 26.0, 5.6631924088561428465e-296 },
        { -0.3, 1.3286267594591274162 },
        { -1.0, 1.8427007929497148693 },
        { -2.5, 1.9995930479825550411 },
        { -5.0, 1.9999999999984625402 },
        { 20.0, 5.3958656116079009289e-176 },
        { 26.5, 2.2109076642637342759e-307 },
    };

    public static TheoryData<double, double> Erfcx => new()
    {
        { 0.0, 1.0 },
        { 1e-10, 9.999999998871620833e-1 },
        { 0.3, 7.3459933456765514992e-1 },
        { 0.5, 6.1569034419292587487e-1 },
        { 1.0, 4.2758357615580700441e-1 },
        { 3.0, 1.7900115118138995042e-1 },
        { 4.0, 1.3699945762506138989e-1 },
        { 5.0, 1.1070463773306862637e-1 },
        { 10.0, 5.6140992743822585858e-2 },
        { 30.0, 1.8795888861416751497e-2 },
        { 1000.0, 5.641893014533876542e-4 },
        { 100000000.0, 5.6418958354775625874e-9 },
        { -0.2, 1.2726020284831957299 },
        { -1.0, 5.0089800807622834663 },
        { -3.0, 1.6205988853999586625e+4 },
        { -10.0, 5.3762342836322708968e+43 },
        { -26.0, 7.6577249314905683515e+293 },
    };

    [Theory]
    [MemberData(nameof(Erf))]
    public void Erf_matches_high_precision_values(double x, double expected) =>
        Golden.AssertClose(expected, SpecialFunctions.Erf(x), 1e-14);

    [Theory]
    [MemberData(nameof(Erfc))]
    public void Erfc_matches_high_precision_values_into_the_far_tail(double x, double expected) =>
        Golden.AssertClose(expected, SpecialFunctions.Erfc(x), 1e-14);

    [Theory]
    [MemberData(nameof(Erfcx))]
    public void Erfcx_matches_high_precision_values(double x, double expected) =>
        Golden.AssertClose(expected, SpecialFunctions.Erfcx(x), 1e-14);

    [Fact]
    public void Special_arguments_give_the_limits()
    {
        Assert.Equal(0.0, SpecialFunctions.Erf(0.0));
        Assert.Equal(1.0, SpecialFunctions.Erf(double.PositiveInfinity));
        Assert.Equal(-1.0, SpecialFunctions.Erf(double.NegativeInfinity));
        Assert.Equal(0.0, SpecialFunctions.Erfc(double.PositiveInfinity));
        Assert.Equal(2.0, SpecialFunctions.Erfc(double.NegativeInfinity));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.Erfcx(-30));
        Assert.True(double.IsNaN(SpecialFunctions.Erf(double.NaN)));
        Assert.True(double.IsNaN(SpecialFunctions.Erfc(double.NaN)));
        Assert.True(double.IsNaN(SpecialFunctions.Erfcx(double.NaN)));
    }

    [Fact]
    public void Erf_and_erfc_are_complements_and_odd()
    {
        for (var x = -6.0; x <= 6.0; x += 0.173)
        {
            Assert.Equal(1.0, SpecialFunctions.Erf(x) + SpecialFunctions.Erfc(x), 15);
            Assert.Equal(-SpecialFunctions.Erf(x), SpecialFunctions.Erf(-x));
        }
    }
}
