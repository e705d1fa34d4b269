namespace Attune.Visualization;

/// <summary>
/// Builds figures of studies as data (<see cref="Figure"/>): pure functions of the study's trials, with no
/// rendering. Render a figure with <see cref="HtmlRenderer"/> or <see cref="SvgRenderer"/>, or save it with
/// <see cref="FigureFile.Save(Figure, string)"/>.
/// </summary>
/// <remarks>
/// Figures of a single-objective study plot its objective; for a multi-objective study pass a target
/// (for example <c>t =&gt; t.Values![1]</c>) and a name for it. Every builder reads the trials once and
/// runs in time linear (or n log n) in their number.
/// </remarks>
public static partial class Plots
{
}
