-- Large evidence files are stored in sealed pieces of 1 MiB, each bound to
-- its file and place (complaint/evidence_store.go), so storing or reading one
-- never holds the whole file twice in memory. complaint_files.data_enc is
-- empty for such a file.
CREATE TABLE complaint_file_chunks (
    file_id  BIGINT NOT NULL REFERENCES complaint_files (id) ON DELETE CASCADE,
    n        INTEGER NOT NULL,
    data_enc {{blob}} NOT NULL,
    PRIMARY KEY (file_id, n)
);
