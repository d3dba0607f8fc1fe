// Package chart draws the statistics pages' pictures as inline SVG on the
// server: trend lines, bars and a map of Banten's regencies and cities.
// No JavaScript: the picture is in the HTML, readable on a cheap phone and
// printable; each chart says what it shows in its title, and the page puts
// the same figures in a table beside it for screen readers.
package chart

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Palette is a sequential blue scale (light = low), readable in grey
// print and by people with colour-vision deficiency (ColorBrewer Blues).
var Palette = []string{"#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"}

// Missing is the fill of an area or point without a figure.
const Missing = "#d9d9d9"

// Series is one line: a value per x label; NaN is a gap (withheld or
// missing).
type Series struct {
	Name   string
	Values []float64
}

var lineColors = []string{"#08519c", "#e6550d", "#31a354", "#756bb1"}

func esc(s string) string { return template.HTMLEscapeString(s) }

func num(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e12 {
		return fmt.Sprintf("%.0f", f)
	}
	return fmt.Sprintf("%.2f", f)
}

// niceMax rounds a maximum up to 1, 2 or 5 times a power of ten.
func niceMax(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// Line draws series over x labels (months), 320×180, y from 0.
func Line(title string, x []string, series []Series) template.HTML {
	const w, h, left, right, top, bottom = 320.0, 180.0, 36.0, 18.0, 10.0, 28.0
	max := 0.0
	for _, s := range series {
		for _, v := range s.Values {
			if !math.IsNaN(v) && v > max {
				max = v
			}
		}
	}
	max = niceMax(max)
	px := func(i int) float64 {
		if len(x) < 2 {
			return left
		}
		return left + float64(i)*(w-left-right)/float64(len(x)-1)
	}
	py := func(v float64) float64 { return top + (h-top-bottom)*(1-v/max) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %.0f %.0f" width="100%%" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg"><title>%s</title>`, w, h, esc(title), esc(title))
	for _, f := range []float64{0, 0.5, 1} {
		y := py(max * f)
		fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="#ccc" stroke-width="0.5"/><text x="%.1f" y="%.1f" font-size="9" text-anchor="end" fill="#444">%s</text>`,
			left, w-right, y, y, left-3, y+3, num(max*f))
	}
	if len(x) > 0 {
		for n, i := range []int{0, len(x) / 2, len(x) - 1} {
			anchor := [...]string{"start", "middle", "end"}[n]
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="9" text-anchor="%s" fill="#444">%s</text>`, px(i), h-bottom+14, anchor, esc(x[i]))
		}
	}
	for k, s := range series {
		color := lineColors[k%len(lineColors)]
		var d strings.Builder
		pen := false
		for i, v := range s.Values {
			if math.IsNaN(v) {
				pen = false
				continue
			}
			op := "L"
			if !pen {
				op = "M"
			}
			fmt.Fprintf(&d, "%s%.1f %.1f", op, px(i), py(v))
			pen = true
		}
		if d.Len() > 0 {
			fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="%s" stroke-width="2"><title>%s</title></path>`, d.String(), color, esc(s.Name))
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// Bar is one bar: a label and a value; Missing true draws no bar.
type Bar struct {
	Label   string
	Value   float64
	Missing bool
	Note    string // shown instead of the value when Missing ("<5", "–")
}

// Bars draws horizontal bars, one 22-px row each, 320 wide.
func Bars(title string, bars []Bar) template.HTML {
	const w, labelW, row = 320.0, 130.0, 22.0
	h := row*float64(len(bars)) + 4
	max := 0.0
	for _, br := range bars {
		if !br.Missing && br.Value > max {
			max = br.Value
		}
	}
	max = niceMax(max)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %.0f %.0f" width="100%%" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg"><title>%s</title>`, w, h, esc(title), esc(title))
	for i, br := range bars {
		y := 2 + float64(i)*row
		label := br.Label
		if len([]rune(label)) > 22 {
			label = string([]rune(label)[:21]) + "…"
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="9" text-anchor="end" fill="#222">%s</text>`, labelW-4, y+14, esc(label))
		if br.Missing {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="10" fill="#555">%s</text>`, labelW+2, y+14, esc(br.Note))
			continue
		}
		bw := (w - labelW - 40) * br.Value / max
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s: %s</title></rect><text x="%.1f" y="%.1f" font-size="10" fill="#222">%s</text>`,
			labelW, y+3, bw, row-8, Palette[3], esc(br.Label), num(br.Value), labelW+bw+3, y+14, num(br.Value))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
