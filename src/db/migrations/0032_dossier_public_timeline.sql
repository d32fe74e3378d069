-- Read model of public tracking (the most requested route): the public events of a dossier,
-- appended in the transaction that appends the events, so that tracking reads one row.
-- dossier_events stays the record; this column is derived from it and can be rebuilt from it.
alter table dossiers add column public_timeline jsonb not null default '[]'::jsonb;

update dossiers d
   set public_timeline = t.items
  from (select dossier_id, jsonb_agg(jsonb_build_object('action', action, 'at', at) order by seq) items
          from dossier_events where public group by dossier_id) t
 where t.dossier_id = d.id;
