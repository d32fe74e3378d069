/** SQL of the feedback capability (reads). */

/** One item with the names the views need. */
export const ITEM_SELECT = `
  select f.*, c.code category_code, c.name category_name, c.field_name, c.allow_anonymous category_allow_anonymous,
         cu.name competent_unit_name, cu.code competent_unit_code, ru.name receiving_unit_name,
         co.name commune_name, co.short_name commune_short_name, co.code commune_code,
         h.full_name handler_name, su.username submitter_username
    from feedback f
    join feedback_categories c on c.id = f.category_id
    join units cu on cu.id = f.competent_unit_id
    join units ru on ru.id = f.receiving_unit_id
    left join units co on co.id = f.commune_unit_id
    left join users h on h.id = f.handler_id
    left join users su on su.id = f.submitter_user_id`;

/**
 * Items any public endpoint may show at all: public, not hidden by moderation, not reclassified as
 * a complaint or denunciation (feedback.md §5.15). Alias `f`.
 */
export const PUBLIC_VISIBLE = `f.visibility = 'public' and f.moderation_state <> 'hidden' and f.status <> 'reclassified' and f.reclassified_as is null`;

/** The public list and map: published answers only. */
export const PUBLISHED_ONLY = `${PUBLIC_VISIBLE} and f.published_at is not null and f.status in ('published', 'closed', 'reopened')`;
