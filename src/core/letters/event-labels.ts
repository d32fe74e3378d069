/**
 * Names of the events of visits, letters, cases and sessions as people read them in a history:
 * the machine's own label for a transition, the few events that are not transitions (intake,
 * reminders, recomputed deadlines), and the machine's status names. Unknown codes stay as they are.
 */
import type { Label } from './types.js';

const OTHER_EVENTS: Record<string, Label> = {
  receive: { vi: 'Tiếp nhận đơn', en: 'Letter logged' },
  open: { vi: 'Mở vụ việc', en: 'Case opened' },
  register: { vi: 'Đăng ký tiếp', en: 'Visit registered' },
  check_in: { vi: 'Tiếp công dân', en: 'Visitor received' },
  schedule: { vi: 'Lên lịch tiếp định kỳ', en: 'Session scheduled' },
  due_reminder: { vi: 'Nhắc hạn', en: 'Deadline reminder' },
  due_recomputed: { vi: 'Tính lại hạn theo lịch làm việc mới', en: 'Deadline recomputed after a calendar change' },
  protected_break_glass: { vi: 'Xem khẩn cấp thông tin được bảo vệ', en: 'Emergency view of protected identity' },
  file_attached: { vi: 'Đính kèm tệp (bản quét)', en: 'File attached (scan)' },
};

/** What a lifecycle machine gives to name its events: its transitions' labels and its status names. */
export interface EventLabelSource {
  transitions: readonly { action: string; labelVi: string; labelEn: string }[];
  labels: Readonly<Record<string, Label>>;
}

export function eventActionLabel(machine: EventLabelSource | null, action: string): Label {
  const t = machine?.transitions.find((x) => x.action === action);
  if (t) return { vi: t.labelVi, en: t.labelEn };
  return OTHER_EVENTS[action] ?? { vi: action, en: action };
}

export function eventStatusLabel(machine: EventLabelSource | null, status: string | null): Label | null {
  if (!status) return null;
  return machine?.labels[status] ?? { vi: status, en: status };
}
