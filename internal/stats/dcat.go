package stats

import "time"

// Catalog is the release's datasets as a DCAT catalog in JSON-LD
// (dcat:Catalog → dcat:Dataset → dcat:Distribution), the form CKAN's DCAT
// harvester (ckanext-dcat, used by Satu Data Indonesia portals) reads.
// base is the site's public address without a trailing slash.
func Catalog(rel *Release, base string) map[string]any {
	issued := rel.ComputedAt.UTC().Format(time.RFC3339)
	publisher := map[string]any{"@type": "foaf:Organization", "foaf:name": "Dinas Tenaga Kerja dan Transmigrasi Provinsi Banten (bursa)"}
	var datasets []any
	for _, d := range rel.Datasets {
		url := base + "/api/v1/stats/" + d.ID
		ds := map[string]any{
			"@id": url, "@type": "dcat:Dataset",
			"dct:identifier":  d.ID,
			"dct:title":       []any{map[string]string{"@language": "id", "@value": d.Title}, map[string]string{"@language": "en", "@value": d.TitleEN}},
			"dct:description": map[string]string{"@language": "id", "@value": d.Note},
			"dct:source":      d.Source,
			"dct:publisher":   publisher,
			"dct:issued":      issued, "dct:modified": issued,
			"dct:language":           "http://publications.europa.eu/resource/authority/language/IND",
			"dct:spatial":            map[string]any{"@type": "dct:Location", "skos:prefLabel": "Provinsi Banten (kode 36)"},
			"dct:accrualPeriodicity": "http://purl.org/cld/freq/monthly",
			"dcat:keyword":           []string{"ketenagakerjaan", "Banten", "bursa kerja", d.ID},
			"dcat:landingPage":       base + "/statistik",
			"dcat:distribution": []any{
				map[string]any{"@id": url + "#json-stat", "@type": "dcat:Distribution", "dct:title": d.Title + " (JSON-stat 2.0)",
					"dcat:accessURL": url, "dcat:downloadURL": url, "dcat:mediaType": "application/json", "dct:format": "JSON-stat",
					"dct:conformsTo": "https://json-stat.org/format/", "dct:license": "http://creativecommons.org/licenses/by/4.0/"},
				map[string]any{"@id": url + "#csv", "@type": "dcat:Distribution", "dct:title": d.Title + " (CSV)",
					"dcat:accessURL": url + "?format=csv", "dcat:downloadURL": url + "?format=csv", "dcat:mediaType": "text/csv", "dct:format": "CSV",
					"dct:license": "http://creativecommons.org/licenses/by/4.0/"},
			},
		}
		if len(d.Dims) > 1 && d.Dims[1].ID == "bulan" && len(d.Dims[1].Codes) > 0 {
			m := d.Dims[1].Codes
			ds["dct:temporal"] = map[string]any{"@type": "dct:PeriodOfTime", "dcat:startDate": m[0] + "-01", "dcat:endDate": m[len(m)-1]}
		}
		datasets = append(datasets, ds)
	}
	return map[string]any{
		"@context": map[string]string{
			"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
			"skos": "http://www.w3.org/2004/02/skos/core#",
		},
		"@id": base + "/data/catalog.json", "@type": "dcat:Catalog",
		"dct:title":       []any{map[string]string{"@language": "id", "@value": "Data terbuka ketenagakerjaan Banten (bursa)"}, map[string]string{"@language": "en", "@value": "Banten labour open data (bursa)"}},
		"dct:description": "Angka bulanan bursa per kabupaten/kota (data administratif) dan TPT BPS; rilis " + rel.Month + " revisi " + itoa(rel.Revision) + ", dibekukan dengan checkpoint log publik ukuran " + itoa64(rel.LedgerSize) + ".",
		"dct:publisher":   publisher,
		"dct:issued":      issued, "dct:modified": issued,
		"dct:license":   "http://creativecommons.org/licenses/by/4.0/",
		"foaf:homepage": base + "/statistik",
		"dcat:dataset":  datasets,
	}
}

func itoa(i int) string     { return itoa64(int64(i)) }
func itoa64(i int64) string { return formatInt(i) }
