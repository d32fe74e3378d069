-- Real files for letters and reception (reception-and-letters.md §4, §3: Mẫu 02/TCD): the scanned
-- letter and its enclosures, and the documents a visitor hands over at reception. They reuse the
-- content-addressed store of dossier files (table `files`, src/modules/files/storage.ts): a file
-- has exactly one owner column set — a dossier, a letter or a visit — and access follows the owner.
-- A visit's file may name the received document (reception_documents row) it is the scan of.
-- Protection is not copied onto the file: it follows letters.protected / reception_visits.protected
-- at read time, so a letter reclassified as a denunciation protects the files it already has.
-- Each attachment also appends a `file_attached` event to letter_events (without the file name,
-- which may name the denouncer).

alter table files add column letter_id uuid references letters(id);
alter table files add column visit_id uuid references reception_visits(id);
alter table files add column reception_document_id uuid references reception_documents(id);
alter table files add column title text check (title is null or length(title) <= 300);

alter table files add constraint files_one_owner check (num_nonnulls(dossier_id, letter_id, visit_id) <= 1);
alter table files add constraint files_document_of_visit check (reception_document_id is null or visit_id is not null);

create index files_letter on files(tenant_id, letter_id) where letter_id is not null;
create index files_visit on files(tenant_id, visit_id) where visit_id is not null;
