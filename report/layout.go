package report

import (
	"math"
	"sort"
	"strings"
)

// measure is the width in mm of a text in some font.
type measure func(string) float64

// wrap breaks text into lines no wider than width, at spaces. A word wider
// than the line is broken between letters only when nothing else fits
// (column widths are chosen so that this does not happen). A line is as
// wide as its words and the spaces between them (the PDF has no kerning),
// so words are measured once.
func wrap(text string, width float64, m measure) []string {
	var lines []string
	space := m(" ")
	for _, para := range strings.Split(text, "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			lines = append(lines, "")
			continue
		}
		line, lineW := "", 0.0
		for _, w := range words {
			ww := m(w)
			if line != "" && lineW+space+ww <= width+1e-6 {
				line += " " + w
				lineW += space + ww
				continue
			}
			if line != "" {
				lines = append(lines, line)
			}
			line, lineW = w, ww
			for lineW > width+1e-6 && len([]rune(line)) > 1 {
				head := breakWord(line, width, m)
				lines = append(lines, head)
				line = line[len(head):]
				lineW = m(line)
			}
		}
		lines = append(lines, line)
	}
	return lines
}

// cached remembers the widths m gives.
func cached(m measure) measure {
	widths := map[string]float64{}
	return func(s string) float64 {
		w, ok := widths[s]
		if !ok {
			w = m(s)
			widths[s] = w
		}
		return w
	}
}

// breakWord is the longest start of word (at least one letter) that fits.
func breakWord(word string, width float64, m measure) string {
	rs := []rune(word)
	n := 1
	for n < len(rs) && m(string(rs[:n+1])) <= width+1e-6 {
		n++
	}
	return string(rs[:n])
}

// longestWord is the width of the widest word of text.
func longestWord(text string, m measure) float64 {
	w := 0.0
	for _, f := range strings.Fields(text) {
		w = max(w, m(f))
	}
	return w
}

// longestLine is the width of text's widest line, unwrapped.
func longestLine(text string, m measure) float64 {
	w := 0.0
	for _, l := range strings.Split(text, "\n") {
		w = max(w, m(strings.Join(strings.Fields(l), " ")))
	}
	return w
}

// columnWidths chooses the widths of t's columns from their content so that
// the table spans width. Each column is at least as wide as its widest word
// (a figure as wide as the whole figure: it never wraps; nor a name, when
// the page allows), so that no header or cell breaks inside a word. What is left goes, a step at a time, to the
// column whose widening saves most wrapped lines per millimetre (judged on
// the first rows), then to headers that would wrap, then to all alike. It
// reports false when even the narrowest widths do not fit.
func columnWidths(t Table, width, pad float64, head, cell measure) ([]float64, bool) {
	head, cell = cached(head), cached(cell)
	n := len(t.Columns)
	lo, hi, headHi := make([]float64, n), make([]float64, n), make([]float64, n)
	for i, c := range t.Columns {
		lo[i] = longestWord(c.Name, head) + 2*pad
		hi[i] = lo[i]
		headHi[i] = longestLine(c.Name, head) + 2*pad
	}
	var sample [][]string
	for _, r := range t.Rows {
		if _, ok := sectionOf(r); ok {
			continue // spans the table
		}
		texts := make([]string, n)
		for i := 0; i < n && i < len(r); i++ {
			s := CellText(r[i])
			texts[i] = s
			full := longestLine(s, cell) + 2*pad
			hi[i] = max(hi[i], full)
			if isNumber(r[i]) {
				lo[i] = max(lo[i], full)
			} else {
				lo[i] = max(lo[i], longestWord(s, cell)+2*pad)
			}
		}
		if len(sample) < sampleRows {
			sample = append(sample, texts)
		}
	}
	// Whole columns (names) as wide as their widest cell, if that fits.
	whole := append([]float64(nil), lo...)
	for i, c := range t.Columns {
		if c.Whole {
			whole[i] = max(lo[i], hi[i])
		}
	}
	if sum(whole) <= width {
		lo = whole
	}
	out := append([]float64(nil), lo...)
	left := width - sum(lo)
	if left < 0 {
		// Too narrow whatever is done: shrink in proportion (the caller
		// first tries a smaller font).
		for i := range out {
			out[i] *= width / sum(lo)
		}
		return out, false
	}
	if sum(hi) > width {
		left = shareByLines(out, lo, hi, left, sample, pad, cell)
	}
	left = fill(out, hi, left)
	for i := range headHi {
		headHi[i] = max(headHi[i], hi[i])
	}
	left = fill(out, headHi, left)
	total := sum(out)
	for i := range out {
		out[i] += left * out[i] / total
	}
	return out, true
}

// sampleRows is how many rows judge where the space of a table goes.
const sampleRows = 150

// shareByLines widens columns, a step at a time, where it saves most
// wrapped lines per millimetre in the rows given (a row is as high as its
// highest cell); then it moves width from one column to another while that
// lowers the rows further (a greedy start can give a column its full line
// when another needed it more). It returns the space that no widening saves
// lines with.
func shareByLines(out, lo, hi []float64, left float64, rows [][]string, pad float64, m measure) float64 {
	const step = 1.5
	n := len(out)
	cache := make([]map[int][]int, n)
	for c := range cache {
		cache[c] = map[int][]int{}
	}
	// linesAt is how many lines each row's cell of column c takes at width w.
	linesAt := func(c int, w float64) []int {
		k := int(math.Round(w * 100))
		if res, ok := cache[c][k]; ok {
			return res
		}
		res := make([]int, len(rows))
		for r, row := range rows {
			res[r] = len(wrap(row[c], w-2*pad, m))
		}
		cache[c][k] = res
		return res
	}
	cur := make([][]int, n)
	for c := range out {
		cur[c] = linesAt(c, out[c])
	}
	// height is the rows' total height in lines with the lines of columns a
	// and b replaced (-1: none), then (a thousandth as much) the lines of
	// all cells: of two tables as high, the one with fewer broken cells
	// reads better.
	height := func(a int, la []int, b int, lb []int) int {
		total := 0
		for r := range rows {
			h := 1
			for k := 0; k < n; k++ {
				l := cur[k][r]
				switch k {
				case a:
					l = la[r]
				case b:
					l = lb[r]
				}
				h = max(h, l)
				total += l
			}
			total += 1000 * h
		}
		return total
	}
	base := height(-1, nil, -1, nil)
	for left >= step {
		bestC, bestK, bestGain := -1, 0, 0.0
		for c := 0; c < n; c++ {
			for k := 1; float64(k)*step <= left && out[c]+float64(k-1)*step < hi[c]; k++ {
				alt := linesAt(c, out[c]+float64(k)*step)
				if gain := float64(base-height(c, alt, -1, nil)) / (float64(k) * step); gain > bestGain+1e-9 {
					bestC, bestK, bestGain = c, k, gain
				}
			}
		}
		if bestC < 0 {
			break
		}
		out[bestC] += float64(bestK) * step
		left -= float64(bestK) * step
		cur[bestC] = linesAt(bestC, out[bestC])
		base = height(-1, nil, -1, nil)
	}
	// Moves between columns, up to 15 mm at a time, while they help.
	for round := 0; round < 12; round++ {
		best, from, to, by := base, -1, -1, 0.0
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				if i == j || out[j] >= hi[j] {
					continue
				}
				for k := 1; k <= 10 && out[i]-float64(k)*step >= lo[i]-1e-9; k++ {
					d := float64(k) * step
					if h := height(i, linesAt(i, out[i]-d), j, linesAt(j, out[j]+d)); h < best {
						best, from, to, by = h, i, j, d
					}
				}
			}
		}
		if from < 0 {
			break
		}
		out[from] -= by
		out[to] += by
		cur[from], cur[to] = linesAt(from, out[from]), linesAt(to, out[to])
		base = best
	}
	return left
}

// fill widens each column towards its want, the least needy first, sharing
// what is left alike among the others; it returns what remains.
func fill(out, want []float64, left float64) float64 {
	order := make([]int, 0, len(out))
	for i := range out {
		if want[i] > out[i] {
			order = append(order, i)
		}
	}
	sort.Slice(order, func(a, b int) bool { return want[order[a]]-out[order[a]] < want[order[b]]-out[order[b]] })
	for k, i := range order {
		give := min(want[i]-out[i], left/float64(len(order)-k))
		out[i] += give
		left -= give
	}
	return left
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}
