/** One colour (and, in the chart, one dash pattern) per plan; all ≥ 4.5:1 on white. */
export const PLAN_COLOURS = ['#1f5f5b', '#a4262c', '#7a5100', '#3b4fa8', '#5b3f8c', '#2f6b1f'];
