package browser

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The reports of tests/node/scenarios.mjs, and the checks that Node and
// Chromium runs share.

type history struct {
	Epoch   []int                 `json:"epoch"`
	History map[string][]*float64 `json:"history"`
}

type referenceReport struct {
	Before          string             `json:"before"`
	Hash            string             `json:"hash"`
	History         history            `json:"history"`
	Batches         [][2]float64       `json:"batches"` // [batch, loss]
	Epochs          []any              `json:"epochs"`
	Progress        int                `json:"progress"`
	FitMs           float64            `json:"fitMs"`
	PredictionShape []int              `json:"predictionShape"`
	Evaluation      map[string]float64 `json:"evaluation"`
}

// checkReference checks a run of the reference scenario: the native hash,
// and a callback per batch and per epoch.
func checkReference(t *testing.T, r referenceReport) {
	t.Helper()
	assert.Equal(t, nativeHash, r.Hash, "weights differ from native Go's")
	assert.NotEqual(t, r.Before, r.Hash, "training changed nothing")
	assert.Equal(t, []int{0}, r.History.Epoch)
	if assert.Len(t, r.Batches, 20, "onBatchEnd calls") {
		for i, b := range r.Batches {
			assert.Equal(t, float64(i), b[0], "onBatchEnd batch index")
		}
	}
	assert.Len(t, r.Epochs, 1, "onEpochEnd calls")
	assert.Equal(t, 20, r.Progress, "onProgress calls")
	assert.Equal(t, []int{5, 10}, r.PredictionShape)
	assert.Contains(t, r.Evaluation, "accuracy")
	assert.Contains(t, r.Evaluation, "loss")
}

type outcome struct {
	OK        bool   `json:"ok"`
	GonnError bool   `json:"gonnError"`
	Code      int    `json:"code"`
	CodeName  string `json:"codeName"`
	Message   string `json:"message"`
}

// wantErrors are the failures of the errors scenario: each must be a
// GonnError with this code name (docs/abi.md), and the call after it must
// work.
var wantErrors = map[string]string{
	"unknown layer":       "bad_argument",
	"layer config typo":   "bad_argument",
	"unknown optimizer":   "bad_argument",
	"data vs shape":       "shape",
	"not typed data":      "bad_argument",
	"predict wrong width": "shape",
	"x vs y count":        "shape",
	"NaN data":            "non_finite",
	"loss blows up":       "non_finite",
	"unknown fit option":  "bad_argument",
	"not compiled":        "not_ready",
	"busy":                "busy",
	"disposed model":      "unknown_handle",
	"disposed tensor":     "unknown_handle",
}

func checkErrors(t *testing.T, r map[string]outcome) {
	t.Helper()
	for name, want := range wantErrors {
		got, ok := r[name]
		if !assert.True(t, ok, "%s: not run", name) {
			continue
		}
		assert.False(t, got.OK, "%s: did not fail", name)
		assert.True(t, got.GonnError, "%s: not a GonnError: %s", name, got.Message)
		assert.Equal(t, want, got.CodeName, "%s: %s", name, got.Message)
		assert.NotEmpty(t, got.Message, name)
		assert.True(t, r[name+" then"].OK, "%s: the next call failed: %s", name, r[name+" then"].Message)
	}
}

type stopReport struct {
	Hash             string  `json:"hash"`
	Expected         string  `json:"expected"`
	LastBatch        int     `json:"lastBatch"`
	BatchesAfterStop int     `json:"batchesAfterStop"`
	StopMs           float64 `json:"stopMs"`
	TotalMs          float64 `json:"totalMs"`
	History          history `json:"history"`
}

// checkStop checks that stop() during a 50-epoch fit resolves within
// maxBatchesAfter batches and quickly, with the weights of the last batch
// reported.
func checkStop(t *testing.T, r stopReport, maxBatchesAfter int) {
	t.Helper()
	assert.Equal(t, r.Expected, r.Hash, "weights after stop differ from a fit of the same %d batches", r.LastBatch+1)
	assert.LessOrEqual(t, r.BatchesAfterStop, maxBatchesAfter, "batches trained after stop()")
	assert.Less(t, r.StopMs, 1000.0, "ms from stop() to the end of fit")
	assert.Equal(t, []int{0}, r.History.Epoch, "the stopped epoch is recorded")
	t.Logf("stop: fit resolved %.1f ms after stop(), %d batches after it", r.StopMs, r.BatchesAfterStop)
}

type pauseReport struct {
	Hash               string `json:"hash"`
	ExpectedHash       string `json:"expectedHash"`
	Batches            int    `json:"batches"`
	BatchesWhilePaused int    `json:"batchesWhilePaused"`
}

func checkPause(t *testing.T, r pauseReport, maxBatchesAfter int) {
	t.Helper()
	assert.Equal(t, nativeHash, r.Hash, "a paused and resumed fit gives other weights")
	assert.Equal(t, 20, r.Batches)
	assert.LessOrEqual(t, r.BatchesWhilePaused, maxBatchesAfter, "batches trained while paused")
}

type apiReport struct {
	History      history    `json:"history"`
	EpochLogs    [][]string `json:"epochLogs"`
	WithDataKeys []string   `json:"withDataKeys"`
	Info         struct {
		Name            string `json:"name"`
		Seed            int    `json:"seed"`
		Built           bool   `json:"built"`
		Compiled        bool   `json:"compiled"`
		InputShape      []int  `json:"inputShape"`
		OutputShape     []int  `json:"outputShape"`
		Params          int    `json:"params"`
		TrainableParams int    `json:"trainableParams"`
		Layers          []struct {
			ClassName string `json:"className"`
		} `json:"layers"`
	} `json:"info"`
	SummaryHasDense bool `json:"summaryHasDense"`
	Manifest        []struct {
		Name   string `json:"name"`
		Offset int    `json:"offset"`
		Size   int    `json:"size"`
	} `json:"manifest"`
	WeightsLength         int     `json:"weightsLength"`
	Hash                  string  `json:"hash"`
	ZeroHash              string  `json:"zeroHash"`
	Restored              string  `json:"restored"`
	FrozenTrainableParams int     `json:"frozenTrainableParams"`
	PredictionShape       []int   `json:"predictionShape"`
	ArgMax                []int   `json:"argMax"`
	RowSum                float64 `json:"rowSum"`
}

func checkAPI(t *testing.T, r apiReport) {
	t.Helper()
	keys := []string{"accuracy", "loss", "val_accuracy", "val_loss"}
	assert.Equal(t, []int{0, 1}, r.History.Epoch)
	assert.Len(t, r.History.History["val_loss"], 2, "validation_split gives val_loss per epoch")
	assert.Equal(t, [][]string{keys, keys}, r.EpochLogs, "onEpochEnd logs")
	assert.Equal(t, keys, r.WithDataKeys, "validationData gives val_*")

	assert.Equal(t, "mlp", r.Info.Name)
	assert.Equal(t, 7, r.Info.Seed)
	assert.True(t, r.Info.Built && r.Info.Compiled)
	assert.Equal(t, []int{784}, r.Info.InputShape)
	assert.Equal(t, []int{10}, r.Info.OutputShape)
	assert.Equal(t, 50890, r.Info.Params)
	assert.Equal(t, 50890, r.Info.TrainableParams)
	assert.True(t, r.SummaryHasDense, "summary names the Dense layers and the parameter count")

	if assert.Len(t, r.Manifest, 4) {
		assert.Equal(t, "dense/kernel", r.Manifest[0].Name)
		last := r.Manifest[3]
		assert.Equal(t, r.WeightsLength, last.Offset+last.Size, "the manifest covers the data")
	}
	assert.Equal(t, 50890, r.WeightsLength)
	assert.NotEqual(t, r.Hash, r.ZeroHash, "setWeights(zeros) changed nothing")
	assert.Equal(t, r.Hash, r.Restored, "setWeights(getWeights()) does not restore the weights")
	assert.Equal(t, 650, r.FrozenTrainableParams, "setTrainable(0, false) freezes the first Dense")

	assert.Equal(t, []int{3, 10}, r.PredictionShape)
	assert.Len(t, r.ArgMax, 3)
	assert.InDelta(t, 1, r.RowSum, 1e-5, "softmax outputs sum to 1")
}
