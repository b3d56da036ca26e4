//go:build js && wasm

package main

import (
	"math"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/page"
	"gonn/web/ui/internal/widgets"
)

// result is what a trained model scored on the held-out steps.
type result struct {
	name     string
	sees     int       // steps a forecast sees
	mae      float64   // in the series' unit
	forecast []float32 // one per held-out step, in the unit
	epochs   int       // epochs run
	best     int       // the epoch whose weights were kept, from 1
}

// maeTable is the table of held-out errors: the naive forecast's row, then
// a row per model (id row-<key>), each with the model, the steps it sees,
// its MAE (data-value), the MAE over the naive one's and the epochs.
type maeTable struct {
	seesHead, maeHead dom.HTMLElement
	rows              map[string]*dom.HTMLTableRowElement // by key; looked up, never ranged over
	naive             float64
	maes              map[string]float64 // of the models trained
}

func newMAETable(doc dom.Document) *maeTable {
	t := &maeTable{
		seesHead: widgets.ByID[dom.HTMLElement](doc, "sees-head"),
		maeHead:  widgets.ByID[dom.HTMLElement](doc, "mae-head"),
		rows:     map[string]*dom.HTMLTableRowElement{},
	}
	for _, key := range append([]string{"naive"}, keys()...) {
		row := widgets.ByID[*dom.HTMLTableRowElement](doc, "row-"+key)
		if len(row.Cells()) != 5 {
			panic("the page has no table row #row-" + key + " of 5 cells")
		}
		t.rows[key] = row
	}
	return t
}

// keys are the models' keys, in training order.
func keys() []string {
	k := make([]string, len(kinds))
	for i, m := range kinds {
		k[i] = m.key
	}
	return k
}

// reset empties the table for a comparison of src: the naive error, every
// model waiting.
func (t *maeTable) reset(src source, naive float64, kernel, depth int) {
	t.seesHead.SetTextContent("Sees (" + src.Steps + ")")
	t.maeHead.SetTextContent("Held-out MAE (" + src.Unit + ")")
	t.naive = naive
	t.maes = map[string]float64{}
	t.fill("naive", "last value (naive)", "1", naive, "–")
	for _, k := range kinds {
		t.waiting(k, src, kernel, depth, "waiting")
	}
	t.mark()
}

// waiting shows k not trained yet (or not at all), with status.
func (t *maeTable) waiting(k kind, src source, kernel, depth int, status string) {
	name, sees := k.name, src.Window
	if k.conv {
		name, sees = convName(kernel, depth), receptiveField(kernel, depth)
	}
	delete(t.maes, k.key)
	t.fill(k.key, name, format.Itoa(sees), math.NaN(), status)
	t.rows[k.key].SetAttribute("class", status)
	t.mark()
}

// set shows k's result.
func (t *maeTable) set(k kind, r result) {
	t.maes[k.key] = r.mae
	t.fill(k.key, r.name, format.Itoa(r.sees), r.mae, format.Itoa(r.best)+" of "+format.Itoa(r.epochs))
	t.rows[k.key].RemoveAttribute("class")
	t.mark()
}

// fill writes a row: the MAE and its ratio to the naive one's (a dash for
// NaN), and the epochs cell.
func (t *maeTable) fill(key, name, sees string, mae float64, epochs string) {
	c := t.rows[key].Cells()
	c[0].SetTextContent(name)
	c[1].SetTextContent(sees)
	if math.IsNaN(mae) {
		page.Dash(c[2])
		c[3].SetTextContent("–")
	} else {
		page.ShowNumber(c[2], format.Fixed(mae, 3), mae)
		c[3].SetTextContent(format.Fixed(mae/t.naive, 2))
	}
	c[4].SetTextContent(epochs)
}

// mark highlights the lowest MAE of the table.
func (t *maeTable) mark() {
	best, bestKey := t.naive, "naive"
	for _, k := range kinds {
		if v, ok := t.maes[k.key]; ok && v < best {
			best, bestKey = v, k.key
		}
	}
	for _, key := range append([]string{"naive"}, keys()...) {
		c := t.rows[key].Cells()[2]
		if key == bestKey {
			c.SetAttribute("class", "best")
		} else {
			c.RemoveAttribute("class")
		}
	}
}
