package nn

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"
)

// Logs maps a quantity's Keras name ("loss", "accuracy", "val_loss", …) to
// its value.
type Logs map[string]float64

// String prints the logs in a fixed order: loss first, then the rest sorted,
// validation entries last, as Keras' progress bar does.
func (l Logs) String() string {
	keys := make([]string, 0, len(l))
	for k := range l {
		keys = append(keys, k)
	}
	rank := func(k string) int {
		switch {
		case k == "loss":
			return 0
		case k == "val_loss":
			return 2
		case strings.HasPrefix(k, "val_"):
			return 3
		}
		return 1
	}
	slices.SortFunc(keys, func(a, b string) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		return strings.Compare(a, b)
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s: %.4f", k, l[k])
	}
	return strings.Join(parts, " - ")
}

// Callback receives Fit's events, as Keras callbacks do. Epochs and batches
// count from 0. Batch logs hold the running means over the epoch so far;
// epoch logs add the validation results. Embed CallbackFuncs to implement
// only some events.
type Callback interface {
	OnTrainBegin(m *Sequential)
	OnEpochBegin(m *Sequential, epoch int)
	OnBatchEnd(m *Sequential, epoch, batch int, logs Logs)
	OnEpochEnd(m *Sequential, epoch int, logs Logs)
	OnTrainEnd(m *Sequential, logs Logs)
}

// CallbackFuncs is a Callback made of optional functions.
type CallbackFuncs struct {
	TrainBegin func(m *Sequential)
	EpochBegin func(m *Sequential, epoch int)
	BatchEnd   func(m *Sequential, epoch, batch int, logs Logs)
	EpochEnd   func(m *Sequential, epoch int, logs Logs)
	TrainEnd   func(m *Sequential, logs Logs)
}

func (c CallbackFuncs) OnTrainBegin(m *Sequential) {
	if c.TrainBegin != nil {
		c.TrainBegin(m)
	}
}

func (c CallbackFuncs) OnEpochBegin(m *Sequential, epoch int) {
	if c.EpochBegin != nil {
		c.EpochBegin(m, epoch)
	}
}

func (c CallbackFuncs) OnBatchEnd(m *Sequential, epoch, batch int, logs Logs) {
	if c.BatchEnd != nil {
		c.BatchEnd(m, epoch, batch, logs)
	}
}

func (c CallbackFuncs) OnEpochEnd(m *Sequential, epoch int, logs Logs) {
	if c.EpochEnd != nil {
		c.EpochEnd(m, epoch, logs)
	}
}

func (c CallbackFuncs) OnTrainEnd(m *Sequential, logs Logs) {
	if c.TrainEnd != nil {
		c.TrainEnd(m, logs)
	}
}

// EarlyStopping stops Fit when Monitor has not improved by more than
// MinDelta for Patience epochs, like keras.callbacks.EarlyStopping
// (monitor="val_loss", min_delta=0, patience=0, mode="auto",
// restore_best_weights=False). Mode "auto" maximises quantities whose name
// contains "acc" and minimises the rest.
type EarlyStopping struct {
	Monitor            string // default "val_loss"
	MinDelta           float64
	Patience           int
	Mode               string // "auto", "min" or "max"
	RestoreBestWeights bool

	StoppedEpoch int // the epoch after which training stopped, or -1

	best    float64
	wait    int
	weights [][]float32
}

func (e *EarlyStopping) OnTrainBegin(m *Sequential) {
	if e.Monitor == "" {
		e.Monitor = "val_loss"
	}
	e.best, e.wait, e.weights, e.StoppedEpoch = math.Inf(1), 0, nil, -1
	if e.maximise() {
		e.best = math.Inf(-1)
	}
}

func (e *EarlyStopping) maximise() bool {
	return e.Mode == "max" || (e.Mode != "min" && strings.Contains(e.Monitor, "acc"))
}

func (e *EarlyStopping) OnEpochBegin(*Sequential, int)          {}
func (e *EarlyStopping) OnBatchEnd(*Sequential, int, int, Logs) {}
func (e *EarlyStopping) OnTrainEnd(*Sequential, Logs)           {}

func (e *EarlyStopping) OnEpochEnd(m *Sequential, epoch int, logs Logs) {
	v, ok := logs[e.Monitor]
	if !ok {
		return // Keras warns and carries on
	}
	improved := v < e.best-math.Abs(e.MinDelta)
	if e.maximise() {
		improved = v > e.best+math.Abs(e.MinDelta)
	}
	if improved {
		e.best, e.wait = v, 0
		if e.RestoreBestWeights {
			e.weights = m.weightValues()
		}
		return
	}
	e.wait++
	if e.wait >= e.Patience && epoch > 0 { // Keras 3's rule
		e.StoppedEpoch = epoch
		m.Stop()
		if e.RestoreBestWeights && e.weights != nil {
			m.setWeightValues(e.weights)
		}
	}
}

// ProgressLogger prints one line per epoch to w, like Keras with verbose=2:
// "Epoch 3/20 - 12.1s - loss: 0.0712 - accuracy: 0.9781 - val_loss: …".
func ProgressLogger(w io.Writer, epochs int) Callback {
	var start time.Time
	return CallbackFuncs{
		EpochBegin: func(*Sequential, int) { start = time.Now() },
		EpochEnd: func(_ *Sequential, epoch int, logs Logs) {
			fmt.Fprintf(w, "Epoch %d/%d - %.1fs - %s\n", epoch+1, epochs, time.Since(start).Seconds(), logs)
		},
	}
}

// weightValues copies every weight's values.
func (m *Sequential) weightValues() [][]float32 {
	ws := m.Weights()
	out := make([][]float32, len(ws))
	for i, w := range ws {
		out[i] = append([]float32(nil), w.Data()...)
	}
	return out
}

// setWeightValues restores values copied by weightValues.
func (m *Sequential) setWeightValues(vals [][]float32) {
	for i, w := range m.Weights() {
		copy(w.Data(), vals[i])
	}
}
