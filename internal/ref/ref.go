// Package ref holds bursa's reference data, shipped in the repository and
// embedded in the binary: Banten's regions with their neighbours, minimum
// wages, education levels, the KBJI 2014 occupations, KBLI 2020 sections, a
// skills vocabulary, and national holidays. Every file in data/ names its
// source and year. Nothing is downloaded at run time.
package ref

import (
	"bufio"
	"bytes"
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
)

//go:embed data/*
var dataFS embed.FS

// tables is everything parsed from data/, once.
type tables struct {
	regions     []Region
	regionIdx   map[string]int
	districts   map[string][]District
	villages    map[string][]Village
	wages       []MinimumWage
	educations  []Education
	occupations []Occupation
	groups      []OccupationGroup
	kbli        []KBLISection
	skills      []Skill
	skillIdx    map[string]int
	skillsByOcc map[string][]Skill
	holidays    []Holiday
	alphas      []AlphaRange
	holidaySet  map[string]bool
}

// load parses the embedded files. Malformed embedded data is a programming
// error caught by the tests, so it panics rather than returning an error
// every caller would have to handle.
var load = sync.OnceValue(func() *tables {
	t, err := parse()
	if err != nil {
		panic("ref: " + err.Error())
	}
	return t
})

// readCSV reads a data file, skipping '#' comment lines and the header.
func readCSV(name string) ([][]string, error) {
	b, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		return nil, err
	}
	var clean bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if !strings.HasPrefix(sc.Text(), "#") {
			clean.WriteString(sc.Text() + "\n")
		}
	}
	r := csv.NewReader(&clean)
	r.FieldsPerRecord = -1
	var rows [][]string
	header := true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if header {
			header = false
			continue
		}
		rows = append(rows, rec)
	}
	return rows, nil
}

// readPipes reads a '|'-separated file with '#' comments and no header.
func readPipes(name string, fields int) ([][]string, error) {
	b, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		return nil, err
	}
	var rows [][]string
	for i, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p := strings.Split(line, "|")
		if len(p) != fields {
			return nil, fmt.Errorf("%s:%d: %d fields, want %d", name, i+1, len(p), fields)
		}
		rows = append(rows, p)
	}
	return rows, nil
}

func parse() (*tables, error) {
	t := &tables{regionIdx: map[string]int{}, districts: map[string][]District{}, villages: map[string][]Village{},
		skillIdx: map[string]int{}, skillsByOcc: map[string][]Skill{}, holidaySet: map[string]bool{}}
	rows, err := readCSV("regions.csv")
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		lf, err := strconv.Atoi(r[5])
		if err != nil {
			return nil, fmt.Errorf("regions.csv %s: %w", r[0], err)
		}
		reg := Region{Code: r[0], Name: r[1], Kind: r[2], Neighbors: strings.Fields(r[3]), LaborForce: lf, Source: r[6]}
		if r[4] != "" {
			reg.Outside = strings.Split(r[4], ";")
		}
		t.regionIdx[reg.Code] = len(t.regions)
		t.regions = append(t.regions, reg)
	}

	rows, err = readCSV("wilayah-banten.csv")
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		code := strings.ReplaceAll(r[0], ".", "")
		switch r[2] {
		case "kecamatan":
			t.districts[code[:4]] = append(t.districts[code[:4]], District{Code: code, Name: r[1], RegionCode: code[:4]})
		case "kelurahan/desa":
			t.villages[code[:6]] = append(t.villages[code[:6]], Village{Code: code, Name: r[1], DistrictCode: code[:6]})
		}
	}

	rows, err = readCSV("wages.csv")
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		y, err1 := strconv.Atoi(r[1])
		a, err2 := strconv.ParseInt(r[2], 10, 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("wages.csv: bad row %v", r)
		}
		t.wages = append(t.wages, MinimumWage{RegionCode: r[0], Year: y, Amount: a, Source: r[3]})
	}

	rows, err = readCSV("education.csv")
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		rank, err := strconv.Atoi(r[1])
		if err != nil {
			return nil, fmt.Errorf("education.csv: %w", err)
		}
		t.educations = append(t.educations, Education{Code: r[0], Rank: rank, Name: r[2], NameEN: r[3]})
	}

	rows, err = readPipes("kbji.txt", 3)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if len(r[0]) == 4 {
			t.occupations = append(t.occupations, Occupation{Code: r[0], Title: r[1], TitleEN: r[2]})
		} else {
			t.groups = append(t.groups, OccupationGroup{Code: r[0], Title: r[1], TitleEN: r[2]})
		}
	}
	sort.Slice(t.occupations, func(i, j int) bool { return t.occupations[i].Code < t.occupations[j].Code })
	sort.Slice(t.groups, func(i, j int) bool { return t.groups[i].Code < t.groups[j].Code })

	rows, err = readCSV("kbli.csv")
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		t.kbli = append(t.kbli, KBLISection{Code: r[0], Title: r[1], TitleEN: r[2], Version: r[3]})
	}

	rows, err = readPipes("skills.txt", 4)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		s := Skill{Code: r[0], Name: r[1], NameEN: r[2], Occupations: strings.Fields(r[3])}
		t.skillIdx[s.Code] = len(t.skills)
		t.skills = append(t.skills, s)
	}
	sort.SliceStable(t.skills, func(i, j int) bool { return t.skills[i].Name < t.skills[j].Name })
	for i, s := range t.skills {
		t.skillIdx[s.Code] = i
		for _, o := range s.Occupations {
			t.skillsByOcc[o] = append(t.skillsByOcc[o], s)
		}
	}

	rows, err = readCSV("holidays.csv")
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		h := Holiday{Date: r[0], Name: r[1], JointLeave: r[2] == "true", Source: r[3]}
		t.holidays = append(t.holidays, h)
		t.holidaySet[h.Date] = true
	}
	sort.Slice(t.holidays, func(i, j int) bool { return t.holidays[i].Date < t.holidays[j].Date })

	rows, err = readCSV("alpha.csv")
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		y, err1 := strconv.Atoi(r[0])
		lo, err2 := strconv.ParseFloat(r[1], 64)
		hi, err3 := strconv.ParseFloat(r[2], 64)
		if err1 != nil || err2 != nil || err3 != nil || lo <= 0 || hi < lo || len(r) < 4 || r[3] == "" {
			return nil, fmt.Errorf("alpha.csv: bad row %v", r)
		}
		t.alphas = append(t.alphas, AlphaRange{FromYear: y, Min: lo, Max: hi, Source: r[3]})
	}
	sort.Slice(t.alphas, func(i, j int) bool { return t.alphas[i].FromYear < t.alphas[j].FromYear })
	return t, nil
}
