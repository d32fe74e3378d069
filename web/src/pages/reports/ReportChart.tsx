import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ReportRow } from './DossierReport';
import './i18n';
import { prefersReducedMotion } from '../../lib/reducedMotion';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** Colours with at least 3:1 contrast on white (WCAG 1.4.11 for graphical objects). */
const COLORS = { early: '#1a7f37', onTime: '#1f5fbf', late: '#b42318', overdue: '#8a4b00', rate: '#1f2a44' };

/**
 * Results per row of the table: a stacked bar (resolved early / on time / late, in progress
 * overdue) and the early-and-on-time rate as a line on a second axis. Lazily loaded with echarts.
 */
export default function ReportChart({ rows, label }: { rows: ReportRow[]; label: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const shown = useMemo(() => rows.filter((r) => r.toProcess > 0 || r.refusedAtIntake > 0), [rows]);

  useEffect(() => {
    if (!ref.current || !shown.length) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    const names = shown.map((r) => (r.group.name.length > 28 ? r.group.name.slice(0, 27) + '…' : r.group.name));
    const bar = (key: 'early' | 'onTime' | 'late' | 'overdue') => ({
      name: t(`rp.series.${key}`),
      type: 'bar' as const,
      stack: key === 'overdue' ? 'open' : 'resolved',
      itemStyle: { color: COLORS[key] },
      data: shown.map((r) => r[key]),
    });
    chart.setOption({
      animation: !prefersReducedMotion(),
      aria: { enabled: false },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { color: '#1f2a44' } },
      grid: { left: 48, right: 48, top: 40, bottom: 90 },
      xAxis: { type: 'category', data: names, axisLabel: { rotate: 30, interval: 0, color: '#1f2a44' } },
      yAxis: [
        { type: 'value', name: t('rp.series.count'), minInterval: 1, axisLabel: { color: '#1f2a44' } },
        { type: 'value', name: '%', min: 0, max: 100, axisLabel: { color: '#1f2a44' } },
      ],
      series: [
        bar('early'),
        bar('onTime'),
        bar('late'),
        bar('overdue'),
        {
          name: t('rp.chartRate'),
          type: 'line',
          yAxisIndex: 1,
          itemStyle: { color: COLORS.rate },
          data: shown.map((r) => r.ontimePct),
          connectNulls: false,
        },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [shown, t]);

  if (!shown.length) return <p className="muted">{t('rp.chartEmpty')}</p>;
  return <div ref={ref} role="img" aria-label={label} data-testid="report-chart" style={{ width: '100%', height: 380 }} />;
}
