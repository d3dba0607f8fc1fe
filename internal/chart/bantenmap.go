package chart

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"sort"
	"strings"
	"sync"
)

// The boundaries of Banten's 8 regencies/cities: an open dataset (MIT,
// geometry from Badan Informasi Geospasial), source and changes in the
// file's "source" member and docs/statistics.md.
//
//go:embed data/banten-regencies.geojson
var bantenGeoJSON []byte

// Map geometry: an equirectangular projection scaled by cos(latitude),
// MapWidth wide, simplified by Douglas-Peucker to Tolerance pixels.
const (
	MapWidth  = 320.0
	Tolerance = 0.6
)

type mapShape struct {
	Code string
	Path string  // SVG path data
	X, Y float64 // a label point (the centre of the largest ring's box)
}

type mapData struct {
	shapes []mapShape
	height float64
	points int // vertices kept, for the test
}

var loadMap = sync.OnceValue(func() mapData {
	m, err := buildMap(bantenGeoJSON, Tolerance)
	if err != nil {
		panic("chart: " + err.Error()) // embedded data: the tests catch a broken file
	}
	return m
})

func buildMap(raw []byte, tol float64) (mapData, error) {
	var fc struct {
		Features []struct {
			Properties struct{ Code string }
			Geometry   struct {
				Type        string
				Coordinates [][][][2]float64
			}
		}
	}
	if err := json.Unmarshal(raw, &fc); err != nil {
		return mapData{}, err
	}
	minX, maxX, minY, maxY := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, f := range fc.Features {
		if f.Geometry.Type != "MultiPolygon" {
			return mapData{}, fmt.Errorf("%s: geometry %s, want MultiPolygon", f.Properties.Code, f.Geometry.Type)
		}
		for _, poly := range f.Geometry.Coordinates {
			for _, ring := range poly {
				for _, p := range ring {
					minX, maxX = math.Min(minX, p[0]), math.Max(maxX, p[0])
					minY, maxY = math.Min(minY, p[1]), math.Max(maxY, p[1])
				}
			}
		}
	}
	k := math.Cos((minY + maxY) / 2 * math.Pi / 180)
	scale := (MapWidth - 8) / ((maxX - minX) * k)
	proj := func(p [2]float64) [2]float64 {
		return [2]float64{4 + (p[0]-minX)*k*scale, 4 + (maxY-p[1])*scale}
	}
	m := mapData{height: (maxY-minY)*scale + 8}
	for _, f := range fc.Features {
		var d strings.Builder
		best := 0.0
		s := mapShape{Code: f.Properties.Code}
		for _, poly := range f.Geometry.Coordinates {
			for _, ring := range poly {
				pts := make([][2]float64, len(ring))
				for i, p := range ring {
					pts[i] = proj(p)
				}
				pts = Simplify(pts, tol)
				m.points += len(pts)
				for i, p := range pts {
					op := "L"
					if i == 0 {
						op = "M"
					}
					fmt.Fprintf(&d, "%s%.1f %.1f", op, p[0], p[1])
				}
				d.WriteString("Z")
				x0, x1, y0, y1 := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
				for _, p := range pts {
					x0, x1, y0, y1 = math.Min(x0, p[0]), math.Max(x1, p[0]), math.Min(y0, p[1]), math.Max(y1, p[1])
				}
				if a := (x1 - x0) * (y1 - y0); a > best {
					best, s.X, s.Y = a, (x0+x1)/2, (y0+y1)/2
				}
			}
		}
		s.Path = d.String()
		m.shapes = append(m.shapes, s)
	}
	sort.Slice(m.shapes, func(i, j int) bool { return m.shapes[i].Code < m.shapes[j].Code })
	return m, nil
}

// Simplify is Douglas-Peucker: it keeps the ends and every point farther
// than tol from the line between the kept points around it.
func Simplify(pts [][2]float64, tol float64) [][2]float64 {
	if len(pts) < 3 {
		return pts
	}
	keep := make([]bool, len(pts))
	keep[0], keep[len(pts)-1] = true, true
	var rec func(a, b int)
	rec = func(a, b int) {
		far, at := 0.0, -1
		for i := a + 1; i < b; i++ {
			if d := segDist(pts[i], pts[a], pts[b]); d > far {
				far, at = d, i
			}
		}
		if at >= 0 && far > tol {
			keep[at] = true
			rec(a, at)
			rec(at, b)
		}
	}
	// A closed ring starts and ends on one point: split it at its farthest
	// point so the line between the ends is not degenerate.
	mid := len(pts) / 2
	if pts[0] == pts[len(pts)-1] {
		far := 0.0
		for i, p := range pts {
			if d := math.Hypot(p[0]-pts[0][0], p[1]-pts[0][1]); d > far {
				far, mid = d, i
			}
		}
		keep[mid] = true
		rec(0, mid)
		rec(mid, len(pts)-1)
	} else {
		rec(0, len(pts)-1)
	}
	var out [][2]float64
	for i, p := range pts {
		if keep[i] {
			out = append(out, p)
		}
	}
	return out
}

// segDist is the distance from p to the segment a–b.
func segDist(p, a, b [2]float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	if dx == 0 && dy == 0 {
		return math.Hypot(p[0]-a[0], p[1]-a[1])
	}
	t := ((p[0]-a[0])*dx + (p[1]-a[1])*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(p[0]-a[0]-t*dx, p[1]-a[1]-t*dy)
}

// Area is one regency/city's figure on the map.
type Area struct {
	Code, Name string
	Value      float64
	Missing    bool   // withheld or missing: grey
	Text       string // the figure as the table shows it
	Link       string // the regency's page
}

// Map draws Banten's regencies/cities coloured by their figures in five
// equal steps from 0 to the largest, with a legend; each area links to
// its page and names its figure in its title.
func Map(title string, areas []Area) template.HTML {
	m := loadMap()
	max := 0.0
	by := map[string]Area{}
	for _, a := range areas {
		by[a.Code] = a
		if !a.Missing && a.Value > max {
			max = a.Value
		}
	}
	max = niceMax(max)
	legendH := 34.0
	var b strings.Builder
	// A map whose regions are links is a group of links, not one image: an
	// image role hides its children, so the links would be unreachable for
	// a screen reader (axe-core: nested-interactive).
	role := "img"
	for _, a := range areas {
		if a.Link != "" {
			role = "group"
		}
	}
	fmt.Fprintf(&b, `<svg class="chart map" viewBox="0 0 %.0f %.0f" width="100%%" role="%s" aria-label="%s" xmlns="http://www.w3.org/2000/svg"><title>%s</title>`,
		MapWidth, m.height+legendH, role, esc(title), esc(title))
	for _, s := range m.shapes {
		a, ok := by[s.Code]
		fill := Missing
		if ok && !a.Missing {
			i := int(a.Value / max * float64(len(Palette)))
			fill = Palette[min(i, len(Palette)-1)]
		}
		label := a.Name + ": " + a.Text
		shape := fmt.Sprintf(`<path d="%s" fill="%s" stroke="#333" stroke-width="0.6"><title>%s</title></path>`, s.Path, fill, esc(label))
		if ok && a.Link != "" {
			fmt.Fprintf(&b, `<a href="%s" aria-label="%s">%s</a>`, esc(a.Link), esc(label), shape)
		} else {
			b.WriteString(shape)
		}
	}
	y := m.height + 6
	step := max / float64(len(Palette))
	for i, c := range Palette {
		x := 4 + float64(i)*52
		fmt.Fprintf(&b, `<rect x="%.0f" y="%.0f" width="50" height="10" fill="%s" stroke="#999" stroke-width="0.5"/><text x="%.0f" y="%.0f" font-size="9" fill="#333">%s–%s</text>`,
			x, y, c, x, y+21, num(step*float64(i)), num(step*float64(i+1)))
	}
	fmt.Fprintf(&b, `<rect x="%.0f" y="%.0f" width="14" height="10" fill="%s" stroke="#999" stroke-width="0.5"/><text x="%.0f" y="%.0f" font-size="9" fill="#333">–</text>`,
		4+5*52.0, y, Missing, 4+5*52.0+17, y+9)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// MapStats reports the simplified map's size, for docs and the test.
func MapStats() (shapes, points int, svgBytes int) {
	m := loadMap()
	n := 0
	for _, s := range m.shapes {
		n += len(s.Path)
	}
	return len(m.shapes), m.points, n
}
