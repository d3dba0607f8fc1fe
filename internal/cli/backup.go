package cli

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ledger"
)

// A backup is one tar file, mode 0600: MANIFEST.json first, then the
// database (a SQLite copy made with VACUUM INTO, or a pg_dump custom-format
// archive made from an exported snapshot), then the data folder's files:
// secret.key, ledger.key and ledger.checkpoint. The manifest gives each
// file's size and SHA-256 and the log's size and root in the copy. The keys
// travel with the data because the data is useless without them (NIKs and
// complaints are encrypted with secret.key) and the log cannot go on
// without ledger.key; so the file is as secret as the keys.

const backupFormat = "bursa-backup/1"

type backupManifest struct {
	Format   string       `json:"format"`
	Created  time.Time    `json:"created"`
	Bursa    string       `json:"bursa_version"`
	Dialect  string       `json:"dialect"`
	Database string       `json:"database"` // the member that holds the database
	Files    []backupFile `json:"files"`
	Ledger   backupLedger `json:"ledger"`
	Keys     []string     `json:"keys"` // what each key is, and where any missing one is
}

type backupFile struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
	path   string // where it is while the backup is written
}

type backupLedger struct {
	Origin     string `json:"origin"`
	Size       int64  `json:"size"`
	Root       string `json:"root"`
	Checkpoint string `json:"checkpoint,omitempty"` // the latest signed checkpoint in the copy
}

const keysWarning = "the keys in this file are as secret as the data: keep it where only the operators can read it"

func backupCmd(ctx context.Context, args []string, env Env) error {
	var c common
	fs := newFlags("backup", env)
	c.register(fs, env)
	to := fs.String("to", "", "the backup file to write (a tar: MANIFEST.json, the database, the keys)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *to == "" || fs.NArg() > 0 {
		fmt.Fprintln(env.Stderr, "bursa backup: give --to FILE")
		return errUsage
	}
	if _, err := os.Lstat(*to); err == nil {
		return fmt.Errorf("%s exists: a backup never overwrites a file", *to)
	}
	start := time.Now()
	if !strings.HasPrefix(c.dsn, "postgres://") && !strings.HasPrefix(c.dsn, "postgresql://") {
		// Opening a missing SQLite file would make an empty one.
		if _, err := os.Stat(strings.TrimPrefix(c.dsn, "sqlite:")); err != nil {
			return fmt.Errorf("the database: %w", err)
		}
	}
	d, err := db.Open(ctx, c.dsn)
	if err != nil {
		return err
	}
	defer d.Close()
	// The copy is made beside the destination (same file system, not a
	// small /tmp) and removed once it is in the tar.
	work, err := os.MkdirTemp(filepath.Dir(*to), ".bursa-backup-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	m := backupManifest{Format: backupFormat, Created: time.Now().UTC().Truncate(time.Second), Bursa: Version(), Dialect: string(d.Dialect())}
	var sum ledger.Summary
	switch d.Dialect() {
	case db.SQLite:
		m.Database = "bursa.db"
		copyPath := filepath.Join(work, m.Database)
		if err := d.VacuumInto(ctx, copyPath); err != nil {
			return err
		}
		if sum, err = describeSQLiteCopy(ctx, copyPath); err != nil {
			return err
		}
	case db.Postgres:
		m.Database = "bursa.pgdump"
		pgDump, err := pgTool(env, "pg_dump")
		if err != nil {
			return err
		}
		conn, penv, schema, err := pgConn(c.dsn)
		if err != nil {
			return err
		}
		// pg_dump reads the snapshot this transaction exports, so the
		// manifest's log size and root are the dump's.
		err = d.Snapshot(ctx, func(q db.Querier, id string) error {
			var err error
			if sum, err = ledger.Describe(ctx, q); err != nil {
				return err
			}
			args := []string{"--format=custom", "--snapshot=" + id, "--file=" + filepath.Join(work, m.Database), "--dbname=" + conn}
			if schema != "" {
				args = append(args, "--schema="+schema)
			}
			return runTool(ctx, pgDump, args, penv)
		})
		if err != nil {
			return err
		}
	}
	m.Files = append(m.Files, backupFile{Name: m.Database, path: filepath.Join(work, m.Database)})
	for _, name := range []string{secretKeyFile, ledgerKeyFile, checkpointFile} {
		p := filepath.Join(c.dataDir, name)
		if _, err := os.Stat(p); err == nil {
			m.Files = append(m.Files, backupFile{Name: "data/" + name, path: p})
		}
	}
	m.Keys = keyNotes(c.dataDir, env, m.Files)
	m.Ledger = backupLedger{Origin: sum.Origin, Size: sum.Size, Root: base64.StdEncoding.EncodeToString(sum.Root[:]), Checkpoint: sum.Checkpoint}
	if m.Ledger.Origin == "" {
		m.Ledger.Origin = keyName(filepath.Join(c.dataDir, ledgerKeyFile))
	}
	if err := writeBackup(*to, &m); err != nil {
		return err
	}
	var total int64
	for _, f := range m.Files {
		total += f.Size
	}
	fmt.Fprintf(env.Stdout, "backup written: %s (%s, %d files, %.1f MB, %s)\n", *to, m.Dialect, len(m.Files), float64(total)/1e6, time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(env.Stdout, "log in the copy: %s, %d records, root %s\n", m.Ledger.Origin, m.Ledger.Size, m.Ledger.Root)
	for _, k := range m.Keys {
		fmt.Fprintln(env.Stdout, "key:", k)
	}
	fmt.Fprintf(env.Stdout, "warning: %s (the file is mode 0600)\n", keysWarning)
	return nil
}

// keyNotes says what each key is and whether this backup holds it.
func keyNotes(dataDir string, env Env, files []backupFile) []string {
	has := map[string]bool{}
	for _, f := range files {
		has[f.Name] = true
	}
	var out []string
	switch {
	case env.Getenv("BURSA_SECRET_KEY") != "":
		out = append(out, "secret key: from BURSA_SECRET_KEY, NOT in this backup: keep a copy of it with the backup, or encrypted NIKs and complaints cannot be read")
	case has["data/"+secretKeyFile]:
		out = append(out, "data/secret.key: encrypts NIKs and complaint details; without it they cannot be read")
	default:
		out = append(out, "secret key: no "+filepath.Join(dataDir, secretKeyFile)+" and no BURSA_SECRET_KEY: encrypted fields in this copy cannot be read without the key the server used")
	}
	if has["data/"+ledgerKeyFile] {
		out = append(out, "data/ledger.key: signs the transparency log; a new key would be a new log that no verifier trusts")
	} else {
		out = append(out, "ledger key: no "+filepath.Join(dataDir, ledgerKeyFile)+" in this backup: keep the server's copy")
	}
	if has["data/"+checkpointFile] {
		out = append(out, "data/ledger.checkpoint: the last checkpoint the log had signed; restore never puts it over a later one")
	}
	return out
}

// keyName is the name (the log's first origin) in a ledger.key file.
func keyName(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) != 2 {
		return ""
	}
	name, _, _ := strings.Cut(f[1], "+")
	return name
}

// verifierKeyIn is the verifier key in a ledger.key file.
func verifierKeyIn(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	f := strings.Fields(string(b))
	if len(f) != 2 {
		return "", fmt.Errorf("%s: want two lines, the signer and the verifier key", path)
	}
	return f[1], nil
}

// describeSQLiteCopy reads the log of a fresh copy without changing it:
// immutable, so SQLite neither locks it nor writes a journal.
func describeSQLiteCopy(ctx context.Context, path string) (ledger.Summary, error) {
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro&immutable=1")
	if err != nil {
		return ledger.Summary{}, err
	}
	defer raw.Close()
	s, err := ledger.Describe(ctx, sqliteReader{raw})
	if err != nil {
		return s, fmt.Errorf("the copy's log: %w", err)
	}
	return s, nil
}

// sqliteReader is a db.Querier over a plain *sql.DB of SQLite.
type sqliteReader struct{ *sql.DB }

func (sqliteReader) Dialect() db.Dialect { return db.SQLite }

// writeBackup fills in the files' sizes and hashes and writes the tar to
// path through a temporary file, synced and renamed.
func writeBackup(path string, m *backupManifest) error {
	for i := range m.Files {
		size, sum, err := hashFile(m.Files[i].path)
		if err != nil {
			return err
		}
		m.Files[i].Size, m.Files[i].SHA256 = size, sum
	}
	mb, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	tw := tar.NewWriter(f)
	put := func(name string, size int64, r io.Reader) error {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: size, ModTime: m.Created, Typeflag: tar.TypeReg}); err != nil {
			return err
		}
		_, err := io.Copy(tw, r)
		return err
	}
	err = put("MANIFEST.json", int64(len(mb)), bytes.NewReader(mb))
	for _, bf := range m.Files {
		if err != nil {
			break
		}
		var src *os.File
		if src, err = os.Open(bf.path); err != nil {
			break
		}
		err = put(bf.Name, bf.Size, io.LimitReader(src, bf.Size))
		src.Close()
	}
	if err == nil {
		err = tw.Close()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	return syncDir(filepath.Dir(path))
}

func hashFile(path string) (int64, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	return n, hex.EncodeToString(h.Sum(nil)), err
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// pgTool finds a PostgreSQL client program: in BURSA_PG_BIN when set, else
// on PATH, else the newest /usr/lib/postgresql/*/bin (Debian's layout).
func pgTool(env Env, name string) (string, error) {
	if dir := env.Getenv("BURSA_PG_BIN"); dir != "" {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	} else {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
		found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/" + name)
		sort.Slice(found, func(i, j int) bool { return pgMajor(found[i]) < pgMajor(found[j]) })
		if len(found) > 0 {
			return found[len(found)-1], nil
		}
	}
	return "", fmt.Errorf("%s not found (PATH, /usr/lib/postgresql/*/bin, BURSA_PG_BIN): install the PostgreSQL client tools of the server's version "+
		"(Debian: apt install postgresql-client), or back up with WAL archiving or pgBackRest instead (docs/operations.md)", name)
}

func pgMajor(path string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(path))))
	return n
}

// libpqParams are the URL parameters libpq's tools understand; pgx passes
// any other to the server as a setting, which libpq refuses in a URL.
var libpqParams = map[string]bool{"host": true, "hostaddr": true, "port": true, "dbname": true, "user": true, "passfile": true,
	"channel_binding": true, "connect_timeout": true, "client_encoding": true, "options": true, "application_name": true,
	"fallback_application_name": true, "keepalives": true, "keepalives_idle": true, "keepalives_interval": true,
	"keepalives_count": true, "tcp_user_timeout": true, "sslmode": true, "sslcompression": true, "sslcert": true, "sslkey": true,
	"sslpassword": true, "sslrootcert": true, "sslcrl": true, "sslcrldir": true, "sslsni": true, "requirepeer": true,
	"ssl_min_protocol_version": true, "ssl_max_protocol_version": true, "gssencmode": true, "krbsrvname": true,
	"gsslib": true, "service": true, "target_session_attrs": true}

// pgConn turns bursa's postgres:// URL into what pg_dump and pg_restore
// take: the URL without the password (passed in PGPASSWORD, not on a
// command line that ps shows) and with pgx's server settings as libpq
// options; search_path names the schema (bursa's tests use one each).
func pgConn(dsn string) (conn string, env []string, schema string, err error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return "", nil, "", fmt.Errorf("database URL: %w", err)
	}
	if u.User != nil {
		if pw, ok := u.User.Password(); ok {
			env = append(env, "PGPASSWORD="+pw)
			u.User = url.User(u.User.Username())
		}
	}
	q := u.Query()
	var opts []string
	if o := q.Get("options"); o != "" {
		opts = append(opts, o)
	}
	for k, vs := range q {
		switch {
		case k == "search_path":
			schema = strings.TrimSpace(strings.Split(vs[0], ",")[0])
			opts = append(opts, "-csearch_path="+vs[0])
		case libpqParams[k]:
			continue
		case strings.HasPrefix(k, "pool_") || k == "default_query_exec_mode" || strings.HasSuffix(k, "_cache_capacity") || k == "min_read_buffer_size":
			// pgx's own settings
		default:
			opts = append(opts, "-c"+k+"="+vs[0])
		}
		if !libpqParams[k] {
			q.Del(k)
		}
	}
	sort.Strings(opts)
	if len(opts) > 0 {
		q.Set("options", strings.Join(opts, " "))
	}
	// libpq decodes %20, not form encoding's +, as a space.
	u.RawQuery = strings.ReplaceAll(q.Encode(), "+", "%20")
	return u.String(), env, schema, nil
}

// runTool runs a PostgreSQL client program and returns its error output
// with its failure.
func runTool(ctx context.Context, path string, args, env []string) error {
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w: %s", filepath.Base(path), err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// restorePostgres restores a pg_dump archive into an empty database, in one
// transaction.
func restorePostgres(ctx context.Context, env Env, dsn, dump string) error {
	pgRestore, err := pgTool(env, "pg_restore")
	if err != nil {
		return err
	}
	d, err := db.Open(ctx, dsn)
	if err != nil {
		return err
	}
	var reg sql.NullString
	err = d.QueryRowContext(ctx, `SELECT to_regclass('ledger_state')::text`).Scan(&reg)
	d.Close()
	if err != nil {
		return err
	}
	if reg.Valid {
		return fmt.Errorf("%s already holds bursa's tables: restore into an empty database (createdb), then point BURSA_DB at it", redactDSN(dsn))
	}
	conn, penv, _, err := pgConn(dsn)
	if err != nil {
		return err
	}
	return runTool(ctx, pgRestore, []string{"--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname=" + conn, dump}, penv)
}
