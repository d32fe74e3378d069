/** TypeBox schemas of the reception-and-letters API (validation, types and the OpenAPI document). */
import { Type } from 'typebox';
export { Nullable } from '../../http/nullable.js';
import { ARCHIVE_REASONS, COMPETENT_SYSTEMS, CONTENT_TYPES, FORWARDER_KINDS, LETTER_SOURCES } from '../../core/letters/index.js';

const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid });
export const Instant = Type.String({ format: 'date-time', maxLength: 40 });
export const LocalDay = Type.String({ format: 'date' });
export const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
export const Opt = Type.Optional;

export const ContentType = lit(CONTENT_TYPES);
export const PartContentType = lit(['complaint', 'denunciation', 'petition', 'feedback'] as const);
export const VisitContentType = lit([...CONTENT_TYPES, 'other'] as const);
export const Source = lit(LETTER_SOURCES);
export const ArchiveReason = lit(ARCHIVE_REASONS);
export const CompetentSystem = lit(COMPETENT_SYSTEMS);
export const ForwarderKind = lit(FORWARDER_KINDS);

/** Every write names the version it read (or sends If-Match); `at` records an action after the fact. */
export const Write = { version: Opt(Type.Integer({ minimum: 1 })), at: Opt(Instant) };

export const Sender = Type.Object(
  {
    name: Opt(Text(200)),
    idNo: Opt(Type.String({ maxLength: 20, pattern: '^[0-9A-Za-z ]*$' })),
    address: Opt(Text(300)),
    communeUnitId: Opt(Uuid),
    commune: Opt(Text(200)),
    phone: Opt(Type.String({ maxLength: 20, pattern: '^[0-9+ .-]*$' })),
    email: Opt(Type.String({ maxLength: 200, format: 'email' })),
  },
  { additionalProperties: false },
);

export const Respondent = Type.Object(
  { name: Opt(Text(200)), unit: Opt(Text(300)), userId: Opt(Uuid) },
  { additionalProperties: false },
);

export const Original = Type.Object({ title: Text(300, 1) }, { additionalProperties: false });

export const LetterBody = Type.Object(
  {
    unitId: Uuid,
    source: Source,
    receivedAt: Opt(Instant),
    letterDate: Opt(LocalDay),
    visitId: Opt(Uuid),
    forwarder: Opt(Type.Object({ kind: Opt(ForwarderKind), name: Text(300, 2), docNo: Opt(Text(100)) }, { additionalProperties: false })),
    sender: Opt(Sender),
    anonymous: Opt(Type.Boolean()),
    signatories: Opt(Type.Array(Type.Object({ name: Text(200, 1), idNo: Opt(Type.String({ maxLength: 20, pattern: '^[0-9A-Za-z ]*$' })) }, { additionalProperties: false }), { maxItems: 1000 })),
    signatoryCount: Opt(Type.Integer({ minimum: 0, maximum: 100000 })),
    respondent: Opt(Respondent),
    contentType: ContentType,
    summary: Text(4000, 5),
    content: Opt(Text(20000)),
    field: Opt(Text(100)),
    addressees: Opt(Type.Array(Text(300, 1), { maxItems: 50 })),
    hasOriginals: Opt(Type.Boolean()),
    originals: Opt(Type.Array(Original, { maxItems: 100 })),
    multiSite: Opt(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** A citizen's online letter: the sender is the signed-in account. */
export const CitizenLetterBody = Type.Object(
  {
    unitId: Uuid,
    contentType: ContentType,
    summary: Text(4000, 5),
    content: Opt(Text(20000)),
    respondent: Opt(Respondent),
    field: Opt(Text(100)),
    addressees: Opt(Type.Array(Text(300, 1), { maxItems: 50 })),
  },
  { additionalProperties: false },
);

export const FormChecks = Type.Object(
  {
    vietnamese: Opt(Type.Boolean()),
    dated: Opt(Type.Boolean()),
    named: Opt(Type.Boolean()),
    addressed: Opt(Type.Boolean()),
    signed: Opt(Type.Boolean()),
    namesRespondent: Opt(Type.Boolean()),
    statesContent: Opt(Type.Boolean()),
    statesReasons: Opt(Type.Boolean()),
    statesRequest: Opt(Type.Boolean()),
    namesViolation: Opt(Type.Boolean()),
    pseudonym: Opt(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const ClassifyBody = Type.Object(
  {
    ...Write,
    contentType: Opt(ContentType),
    formChecks: FormChecks,
    alreadyHandled: Opt(Type.Boolean()),
    competence: lit(['own', 'not_own'] as const),
    competentBody: Opt(Text(300)),
    competentUnitId: Opt(Uuid),
    competentSystem: CompetentSystem,
    hasOriginals: Opt(Type.Boolean()),
    originals: Opt(Type.Array(Original, { maxItems: 100 })),
    sentToManyInclCompetent: Opt(Type.Boolean()),
    multiSite: Opt(Type.Boolean()),
    signatoryCount: Opt(Type.Integer({ minimum: 0, maximum: 100000 })),
    decisionKnownAt: Opt(LocalDay),
    excludedDays: Opt(Type.Integer({ minimum: 0, maximum: 3650 })),
    excludedReason: Opt(Text(500)),
    field: Opt(Text(100)),
    respondent: Opt(Respondent),
    addressees: Opt(Type.Array(Text(300, 1), { maxItems: 50 })),
  },
  { additionalProperties: false },
);

export const SplitBody = Type.Object(
  {
    ...Write,
    parts: Type.Array(
      Type.Object(
        { contentType: PartContentType, summary: Text(4000, 5), content: Opt(Text(20000)), respondentName: Opt(Text(200)), respondentUnit: Opt(Text(300)), field: Opt(Text(100)) },
        { additionalProperties: false },
      ),
      { minItems: 2, maxItems: 10 },
    ),
  },
  { additionalProperties: false },
);

export const Obj = (props: Record<string, any>) => Type.Object({ ...Write, ...props }, { additionalProperties: false });

export const VisitorBody = Type.Object(
  {
    name: Text(200, 1),
    idKind: Opt(lit(['cccd', 'cmnd', 'passport', 'other'] as const)),
    idNo: Opt(Type.String({ maxLength: 20, pattern: '^[0-9A-Za-z]*$' })),
    address: Opt(Text(300)),
    phone: Opt(Type.String({ maxLength: 20, pattern: '^[0-9+ .-]*$' })),
  },
  { additionalProperties: false },
);

export const HearingBody = Type.Object(
  {
    contentSummary: Text(4000, 3),
    contentType: VisitContentType,
    field: Opt(Text(100)),
    transcript: Opt(Text(20000)),
    readBack: Opt(Type.Boolean()),
    signatureRef: Opt(Text(300)),
    priorBodies: Opt(Text(500)),
    withinCompetence: Opt(Type.Boolean()),
    notes: Opt(Text(1000)),
  },
  { additionalProperties: false },
);

export const VisitBody = Type.Object(
  {
    unitId: Uuid,
    kind: lit(['regular', 'periodic', 'ad_hoc', 'online'] as const),
    sessionId: Opt(Uuid),
    receivedAt: Opt(Instant),
    registration: Opt(Type.Boolean()),
    registrationCase: Opt(Text(500)),
    visitor: VisitorBody,
    representatives: Opt(
      Type.Array(
        Type.Object(
          {
            name: Text(200, 1),
            idNo: Opt(Type.String({ maxLength: 20, pattern: '^[0-9A-Za-z]*$' })),
            kind: lit(['representative', 'lawyer', 'guardian'] as const),
            papers: Text(300),
          },
          { additionalProperties: false },
        ),
        { maxItems: 10 },
      ),
    ),
    group: Opt(
      Type.Object(
        {
          peopleCount: Type.Integer({ minimum: 1, maximum: 10000 }),
          representatives: Type.Array(Type.Object({ name: Text(200, 1) }, { additionalProperties: false }), { maxItems: 20 }),
          appointmentDoc: Opt(Text(300)),
          members: Opt(Type.Array(Text(200, 1), { maxItems: 10000 })),
          signedByAll: Opt(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
    ),
    forwardedBy: Opt(Text(300)),
    forwardedDocNo: Opt(Text(100)),
    hearing: Opt(HearingBody),
  },
  { additionalProperties: false },
);

export const SessionBody = Type.Object(
  {
    unitId: Uuid,
    kind: lit(['periodic', 'ad_hoc', 'online'] as const),
    leaderUserId: Opt(Uuid),
    leaderName: Text(200, 2),
    leaderTitle: Text(200, 2),
    isDeputy: Opt(Type.Boolean()),
    deputyReason: Opt(Text(500)),
    roleOfUnit: Opt(lit(['host', 'supporting'] as const)),
    scheduledOn: LocalDay,
    startTime: Opt(Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' })),
    endTime: Opt(Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' })),
    location: Opt(Text(300)),
    published: Opt(Type.Boolean()),
    online: Opt(
      Type.Object(
        {
          reason: Text(60, 1),
          platform: Opt(Text(200)),
          points: Opt(Type.Array(Type.Object({ point: Text(200, 1), kind: lit(['central', 'component'] as const), participants: Type.Array(Text(200), { maxItems: 200 }) }, { additionalProperties: false }), { maxItems: 100 })),
          denouncerRequiresProtection: Opt(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
    ),
    notes: Opt(Text(1000)),
    at: Opt(Instant),
  },
  { additionalProperties: false },
);

export const Paging = {
  limit: Opt(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Opt(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
};
