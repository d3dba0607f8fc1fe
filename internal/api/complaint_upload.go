package api

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"

	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Reading a complaint or dispute with its evidence: JSON with the files as
// base64 strings, or multipart/form-data with the files as they are.

// maxComplaintBody bounds a complaint sent as JSON, base64 evidence
// included: 4 MB, about 3 MB of files (a few phone photos). Larger evidence
// goes as multipart/form-data, whose files are spooled to disk as they
// arrive. A JSON body is decoded whole (encoding/json buffers the document,
// then holds every base64 string and its decoded bytes), about four times
// its size in memory: at the old 134 MB bound, four anonymous bodies of
// 103 MB took 1.26 GB. A streaming JSON decoder for the files would be a
// second JSON parser to keep exact (unknown fields, NUL checks, duplicate
// keys) on the one endpoint strangers reach; multipart already streams, and
// sends a third less over a weak mobile connection.
const maxComplaintBody = 4 << 20

// maxMultipartBody bounds a complaint sent as multipart/form-data: the
// files travel as they are, so the bound is the evidence itself plus 1 MB.
const maxMultipartBody = complaint.MaxEvidenceFiles*complaint.MaxEvidenceBytes + 1<<20

// maxJSONPart bounds the complaint part of a multipart body: the narrative
// and members run to kilobytes. Base64 evidence inside it is therefore
// limited to about 750 KB; in multipart, files go as parts.
const maxJSONPart = 1 << 20

// decodeWithFiles reads a complaint or dispute body into v with its
// evidence. The body is either JSON with the files as base64 strings (b64),
// or multipart/form-data with the same JSON in a part named "complaint" and
// each file as a part named "files": a worker on a weak mobile connection
// then sends each photo as it is, not a third larger. Mistakes in the files
// come back as valid.Errors, so the caller can add the store's own.
//
// Files over a few hundred kilobytes come back spooled to disk; the caller
// closes them (complaint.CloseUploads).
func decodeWithFiles(w http.ResponseWriter, c *call, v any, b64 *[]string) ([]complaint.Upload, error) {
	mt, params, _ := mime.ParseMediaType(c.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		if err := decodeMax(w, c, v, maxComplaintBody); err != nil {
			return nil, err
		}
		return decodeFiles(*b64)
	}
	files, err := readParts(multipart.NewReader(http.MaxBytesReader(w, c.Body, maxMultipartBody), params["boundary"]), v)
	if err != nil {
		complaint.CloseUploads(files)
		return nil, err
	}
	if len(*b64) > 0 {
		complaint.CloseUploads(files)
		if len(files) > 0 {
			return nil, valid.New("files", "files_twice")
		}
		return decodeFiles(*b64)
	}
	return files, nil
}

// readParts reads the parts of a multipart complaint: the JSON into v, and
// the files, each spooled to a temporary file as it arrives. On an error
// the files read so far are returned too, for the caller to close.
func readParts(mr *multipart.Reader, v any) ([]complaint.Upload, error) {
	var files []complaint.Upload
	var mbe *http.MaxBytesError
	seenJSON, tooMany := false, false
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if errors.As(err, &mbe) {
			return files, errTooLarge
		}
		if err != nil {
			return files, fmt.Errorf("%w: multipart: %s", errBadJSON, err.Error())
		}
		switch part.FormName() {
		case "complaint":
			if seenJSON {
				return files, fmt.Errorf("%w: one part named complaint expected", errBadJSON)
			}
			seenJSON = true
			if err := readJSONPart(part, v); err != nil {
				return files, err
			}
		case "files":
			if len(files) == complaint.MaxEvidenceFiles {
				// Refused anyway: read past it without keeping it.
				tooMany = true
				if _, err := io.Copy(io.Discard, part); errors.As(err, &mbe) {
					return files, errTooLarge
				}
				continue
			}
			// One byte over the limit is enough for the store to refuse
			// the file by its size; the rest is not kept.
			b, err := complaint.SpoolUpload(part, complaint.MaxEvidenceBytes+1)
			if errors.As(err, &mbe) {
				return files, errTooLarge
			}
			if err != nil {
				return files, fmt.Errorf("%w: multipart: %s", errBadJSON, err.Error())
			}
			files = append(files, b)
		default:
			return files, fmt.Errorf("%w: unexpected part %q (want complaint and files)", errBadJSON, part.FormName())
		}
	}
	if !seenJSON {
		return files, fmt.Errorf("%w: no part named complaint", errBadJSON)
	}
	if tooMany {
		// No files: the refusal must not first clean ten of them.
		return files, valid.New("files", "too_many", "max", complaint.MaxEvidenceFiles)
	}
	return files, nil
}

// readJSONPart decodes the complaint part, which is small: the files are
// the bulk and come as parts of their own.
func readJSONPart(part io.Reader, v any) error {
	b, err := io.ReadAll(io.LimitReader(part, maxJSONPart+1))
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) || len(b) > maxJSONPart {
		return errTooLarge
	}
	if err != nil {
		return fmt.Errorf("%w: multipart: %s", errBadJSON, err.Error())
	}
	return decodeJSON(bytes.NewReader(b), v)
}

func decodeFiles(list []string) ([]complaint.Upload, error) {
	if len(list) > complaint.MaxEvidenceFiles {
		return nil, valid.New("files", "too_many", "max", complaint.MaxEvidenceFiles)
	}
	var out []complaint.Upload
	var errs valid.Errors
	for i, s := range list {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			errs.Add("files", "evidence_damaged", "n", i+1)
			continue
		}
		out = append(out, complaint.UploadBytes(b))
	}
	return out, errs.Err()
}
