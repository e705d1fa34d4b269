using Attune.Numerics;

namespace Attune.Tests.Numerics;

/// <summary>Golden values from mpmath at 120 digits.</summary>
public class NormalTests
{
    public static TheoryData<double, double> LogNdtr => new()
    {
        { -40.0, -8.0460844201375378817e+2 },
        { -38.5, -7.4569527029041108133e+2 },
        { -30.0, -4.5432124395634319711e+2 },
        { -20.0, -2.0391715537109726394e+2 },
        { -10.0, -5.3231285150512470578e+1 },
        { -5.0, -1.5064998393988725736e+1 },
        { -3.0, -6.6077262215103495433 },
        { -1.5, -2.705944400823889807 },
        { -1.0, -1.8410216450092635058 },
        { -0.5, -1.1759117615936186089 },
        { 0.0, -6.9314718055994530942e-1 },
        { 0.5, -3.6894641528865639307e-1 },
        { 1.0, -1.7275377902344988953e-1 },
        { 2.0, -2.3012909328963488465e-2 },
        { 5.0, -2.8665161296376359338e-7 },
        { 8.0, -6.2209605742717860585e-16 },
        { 10.0, -7.619853024160526066e-24 },
        { 20.0, -2.7536241186062336951e-89 },
        { 37.0, -5.7255712225245768227e-300 },
        { -1000.0, -5.0000782669481218431e+5 },
        { -100000.0, -5.0000000124318639983e+9 },
    };

    public static TheoryData<double, double> Cdf => new()
    {
        { -37.5, 4.6053530095819548438e-308 },
        { -30.0, 4.9067139271481870595e-198 },
        { -20.0, 2.7536241186062336951e-89 },
        { -8.0, 6.2209605742717841235e-16 },
        { -3.0, 1.3498980316300945267e-3 },
        { -1.0, 1.5865525393145705141e-1 },
        { -0.3, 3.8208857781104736693e-1 },
        { 0.0, 5.0e-1 },
        { 0.7, 7.5803634777692697138e-1 },
        { 1.0, 8.4134474606854294859e-1 },
        { 3.0, 9.9865010196836990547e-1 },
        { 9.0, 9.9999999999999999989e-1 },
    };

    public static TheoryData<double, double> Pdf => new()
    {
        { 0.0, 3.9894228040143267794e-1 },
        { 0.5, 3.5206532676429947777e-1 },
        { -1.0, 2.419707245191433498e-1 },
        { 3.0, 4.4318484119380071756e-3 },
        { -10.0, 7.6945986267064193463e-23 },
        { 25.0, 7.6539297364193926596e-137 },
    };

    public static TheoryData<double, double> Ndtri => new()
    {
        { 1e-320, -3.8269125343032651018e+1 },
        { 1e-300, -3.7047096299361199237e+1 },
        { 1e-200, -3.0205594179579643063e+1 },
        { 1e-100, -2.1273453560965324294e+1 },
        { 1e-20, -9.2623400897984075796 },
        { 1e-10, -6.3613409024040561991 },
        { 1e-05, -4.2648907939228246102 },
        { 0.01, -2.3263478740408410931 },
        { 0.05, -1.644853626951472688 },
        { 0.075, -1.4395314709384559349 },
        { 0.2, -8.4162123357291416552e-1 },
        { 0.4, -2.5334710313579974132e-1 },
        { 0.5, 0.0 },
        { 0.6, 2.5334710313579974132e-1 },
        { 0.9, 1.2815515655446005935 },
        { 0.975, 1.9599639845400538556 },
        { 0.999, 3.0902323061678132778 },
        { 0.999999999999, 7.0344869100478352057 },
    };

    public static TheoryData<double, double> NdtriExp => new()
    {
        { -1e-12, 7.034483825301201654 },
        { -0.001, 3.0903807869170451304 },
        { -0.1, 1.3096177994584931321 },
        { -0.5, 2.7028802073873585392e-1 },
        { -0.6931, 5.9133457784173251462e-5 },
        { -0.7, -8.5594785824802822957e-3 },
        { -1.0, -3.3747496376420245528e-1 },
        { -3.0, -1.6469217205277147766 },
        { -10.0, -3.9139462405318930773 },
        { -100.0, -1.3888476033003886317e+1 },
        { -700.0, -3.7295079632647416957e+1 },
        { -800.0, -3.9884694838256677568e+1 },
        { -10000.0, -1.413798398731271637e+2 },
        { -100000.0, -4.4719789367852505149e+2 },
    };

    [Theory]
    [MemberData(nameof(LogNdtr))]
    public void LogNdtr_matches_high_precision_values_far_into_both_tails(double x, double expected) =>
        Golden.AssertClose(expected, Normal.LogNdtr(x), 1e-14);

    [Theory]
    [MemberData(nameof(Cdf))]
    public void Cdf_matches_high_precision_values(double x, double expected) =>
        Golden.AssertClose(expected, Normal.Cdf(x), 1e-14);

    [Theory]
    [MemberData(nameof(Pdf))]
    public void Pdf_matches_high_precision_values(double x, double expected)
    {
        Golden.AssertClose(expected, Normal.Pdf(x), 1e-14);
        Golden.AssertClose(Math.Log(expected), Normal.LogPdf(x), 1e-14);
    }

    [Theory]
    [MemberData(nameof(Ndtri))]
    public void Ndtri_matches_high_precision_values_in_the_tails(double p, double expected) =>
        Golden.AssertClose(expected, Normal.Ndtri(p), 1e-13);

    [Theory]
    [MemberData(nameof(NdtriExp))]
    public void NdtriExp_inverts_log_cdf_where_the_probability_underflows(double logP, double expected) =>
        Golden.AssertClose(expected, Normal.NdtriExp(logP), 1e-13);

    [Fact]
    public void Ndtri_and_cdf_are_inverse()
    {
        for (var x = -37.0; x <= 8.0; x += 0.37)
        {
            if (x <= 1)
            {
                // Above that, Φ(x) rounds toward 1 and the round trip loses what double cannot hold.
                Assert.True(Math.Abs(Normal.Ndtri(Normal.Cdf(x)) - x) <= 1e-12 * Math.Max(1, Math.Abs(x)), $"x = {x:R}");
            }

            Assert.True(Math.Abs(Normal.NdtriExp(Normal.LogNdtr(x)) - x) <= 1e-12 * Math.Max(1, Math.Abs(x)), $"x = {x:R}");
        }
    }

    [Fact]
    public void Edge_arguments_give_the_limits()
    {
        Assert.Equal(double.NegativeInfinity, Normal.Ndtri(0));
        Assert.Equal(double.PositiveInfinity, Normal.Ndtri(1));
        Assert.True(double.IsNaN(Normal.Ndtri(1.5)));
        Assert.True(double.IsNaN(Normal.Ndtri(-0.1)));
        Assert.Equal(double.PositiveInfinity, Normal.NdtriExp(0));
        Assert.Equal(double.NegativeInfinity, Normal.NdtriExp(double.NegativeInfinity));
        Assert.True(double.IsNaN(Normal.NdtriExp(0.5)));
        Assert.Equal(0.5, Normal.Cdf(0));
        Assert.Equal(0.0, Normal.Cdf(double.NegativeInfinity));
        Assert.Equal(1.0, Normal.Cdf(double.PositiveInfinity));
    }
}
