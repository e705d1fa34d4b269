#pragma warning disable
namespace Attune.MultiObjective
{
    public static class ParetoFront { public static int[] ParetoFrontIndices(IReadOnlyList<double[]> p) { var r = new List<int>(); for (int i=0;i<p.Count;i++){ bool d=false; for(int j=0;j<p.Count&&!d;j++){ if(j==i) continue; bool le=true, lt=false; for(int k=0;k<p[i].Length;k++){ if(p[j][k]>p[i][k]) le=false; if(p[j][k]<p[i][k]) lt=true;} d = le&&lt;} if(!d) r.Add(i);} return r.ToArray(); } }
}
