/**
 * Groups at reception (Law on Citizen Reception Art. 29; reception-and-letters.md §3.5):
 * a visit with ≥ 5 people on the same content is a mass group (đoàn đông người); the group appoints
 * representatives in writing signed by all members: 5–10 people → 1–2 representatives, more than
 * 10 → up to 5. Pure.
 */
import { representativeRule, type RuleError, type Rules } from './rules.js';
import { vnFold } from './duplicates.js';

export interface GroupInput {
  peopleCount: number;
  representatives: readonly { name: string }[];
  appointmentDoc?: string | null;
  /** Everyone in the group, by name (the appointment is signed by all of them). */
  members?: readonly string[];
  signedByAll?: boolean;
}

export interface GroupVerdict {
  massGroup: boolean;
  errors: RuleError[];
}

export function checkGroup(rules: Rules, g: GroupInput): GroupVerdict {
  const errors: RuleError[] = [];
  const massGroup = g.peopleCount >= rules.reception.massGroupMin;
  if (!massGroup) {
    if (g.representatives.length > 0) {
      errors.push({
        field: 'group.representatives',
        message: `Representatives are appointed only by a group of ${rules.reception.massGroupMin} or more people`,
        messageVi: `Chỉ đoàn từ ${rules.reception.massGroupMin} người trở lên mới cử người đại diện`,
      });
    }
    return { massGroup, errors };
  }
  const rule = representativeRule(rules, g.peopleCount);
  const n = g.representatives.length;
  if (rule && (n < rule.minReps || n > rule.maxReps)) {
    const range = rule.minReps === rule.maxReps ? `${rule.minReps}` : `${rule.minReps}–${rule.maxReps}`;
    errors.push({
      field: 'group.representatives',
      message: `A group of ${g.peopleCount} people appoints ${range} representatives (${n} given)`,
      messageVi: `Đoàn ${g.peopleCount} người cử từ ${rule.minReps} đến ${rule.maxReps} người đại diện (đã nhập ${n})`,
    });
  }
  if (!g.appointmentDoc || !g.appointmentDoc.trim()) {
    errors.push({
      field: 'group.appointmentDoc',
      message: 'The written appointment of representatives is required',
      messageVi: 'Phải có văn bản cử người đại diện',
    });
  }
  if (g.signedByAll !== true) {
    errors.push({
      field: 'group.signedByAll',
      message: 'The appointment must be signed by all members of the group',
      messageVi: 'Văn bản cử người đại diện phải có chữ ký của tất cả thành viên trong đoàn',
    });
  }
  const members = g.members ?? [];
  if (members.length !== g.peopleCount) {
    errors.push({
      field: 'group.members',
      message: `The member list must name all ${g.peopleCount} people (${members.length} given)`,
      messageVi: `Danh sách thành viên phải có đủ ${g.peopleCount} người (đã nhập ${members.length})`,
    });
  } else {
    const folded = new Set(members.map((m) => vnFold(m)));
    for (const [i, r] of g.representatives.entries()) {
      if (!folded.has(vnFold(r.name))) {
        errors.push({
          field: `group.representatives.${i}.name`,
          message: `Representative ${r.name} is not in the member list`,
          messageVi: `Người đại diện ${r.name} không có trong danh sách thành viên`,
        });
      }
    }
  }
  return { massGroup, errors };
}
