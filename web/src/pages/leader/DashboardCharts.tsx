import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import './i18n';
import { prefersReducedMotion } from '../../lib/reducedMotion';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** The same colours as the report's chart (at least 3:1 on white). */
const COLORS = { early: '#1a7f37', onTime: '#1f5fbf', late: '#b42318', overdue: '#8a4b00' };
const AXIS = { color: '#1f2a44' };

function useChart(option: echarts.EChartsCoreOption | null) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current || !option) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({ animation: !prefersReducedMotion(), ...option });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [option]);
  return ref;
}

/** Resolved this month split early / on time / late: one stacked horizontal bar. */
export function ResultsChart({ early, onTime, late }: { early: number; onTime: number; late: number }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    const series = (key: 'early' | 'onTime' | 'late', value: number, label: string) => ({
      name: label,
      type: 'bar' as const,
      stack: 'r',
      itemStyle: { color: COLORS[key] },
      label: { show: value > 0, color: '#fff' },
      data: [value],
    });
    return early + onTime + late > 0
      ? {
          aria: { enabled: false },
          tooltip: { trigger: 'axis' },
          legend: { top: 0, textStyle: AXIS },
          grid: { left: 16, right: 16, top: 36, bottom: 24, containLabel: true },
          xAxis: { type: 'value', minInterval: 1, axisLabel: AXIS },
          yAxis: { type: 'category', data: [''], axisLabel: AXIS },
          series: [series('early', early, t('ld.early')), series('onTime', onTime, t('ld.onTimeS')), series('late', late, t('ld.late'))],
        }
      : null;
  }, [early, onTime, late, t]);
  const ref = useChart(option);
  if (!option) return <p className="muted">{t('ld.none')}</p>;
  return <div ref={ref} role="img" aria-label={`${t('ld.chartResults')}. ${t('ld.chartAlt')}`} data-testid="dashboard-chart-results" style={{ width: '100%', height: 140 }} />;
}

/** Dossiers overdue now at each step (the steps with any). */
export function StepsChart({ steps }: { steps: { name: string; value: number }[] }) {
  const { t } = useTranslation();
  const shown = useMemo(() => steps.filter((s) => s.value > 0), [steps]);
  const option = useMemo(() => (shown.length
    ? {
        aria: { enabled: false },
        tooltip: { trigger: 'axis' },
        grid: { left: 16, right: 24, top: 16, bottom: 16, containLabel: true },
        xAxis: { type: 'value', minInterval: 1, axisLabel: AXIS },
        yAxis: { type: 'category', inverse: true, data: shown.map((s) => (s.name.length > 40 ? s.name.slice(0, 39) + '…' : s.name)), axisLabel: AXIS },
        series: [{ name: t('ld.dossiersOverdue'), type: 'bar', itemStyle: { color: COLORS.overdue }, data: shown.map((s) => s.value) }],
      }
    : null), [shown, t]);
  const ref = useChart(option);
  if (!option) return <p className="muted">{t('ld.none')}</p>;
  return (
    <div
      ref={ref}
      role="img"
      aria-label={`${t('ld.chartSteps')}. ${t('ld.chartAlt')}`}
      data-testid="dashboard-chart-steps"
      style={{ width: '100%', height: Math.max(140, 40 + shown.length * 32) }}
    />
  );
}
