package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"gonn/nn"
	"gonn/nn/losses"
	"gonn/nn/mnist"
	"gonn/nn/optimizers"
	"gonn/nn/tensor"
)

// mnistRecipe is a Keras MNIST example: a model, its optimiser, and how it
// is trained and described in the results file.
type mnistRecipe struct {
	name      string
	about     string // one paragraph for the results file
	keras     string // Keras' published result
	epochs    int    // the recipe's own
	batchSize int
	shape     []int // one image as the model takes it: (784) or (28, 28, 1)
	model     func() *nn.Sequential
	optimizer func() optimizers.Optimizer
}

// The MNIST recipes' own flags, beside the common ones of main.
var (
	checkpointFlag = flag.String("checkpoint", "", "MNIST recipes and addition_rnn: checkpoint file, written after every epoch; "+
		"when it exists, training resumes from it")
	subsetFlag = flag.Int("subset", 0, "MNIST recipes: train and test on the first N images of each set (0: all), for quick checks")
)

// mnistRun is one run of an MNIST recipe: the common options, the MNIST
// flags, and where it reports.
type mnistRun struct {
	options
	checkpoint string    // "" for none
	subset     int       // 0 for all the images
	log        io.Writer // progress; os.Stdout from the command line
}

// run trains the recipe as the command line asks.
func (r mnistRecipe) run(o options) error {
	return r.train(mnistRun{options: o, checkpoint: *checkpointFlag, subset: *subsetFlag, log: os.Stdout})
}

// train trains the recipe on the 60,000 training images with the 10,000
// test images as validation data, as the Keras examples do, prints a row per
// epoch and keeps results/<name>.md up to date after every epoch.
//
// With a checkpoint file, the model, optimiser, generator and progress are
// saved there after every epoch (after the results file, each replaced
// atomically). When the file exists at the start, training resumes from
// it, bit for bit as if it had never stopped, and the rows of the epochs it
// holds are kept from the results file.
func (r mnistRecipe) train(run mnistRun) error {
	epochs := r.epochs
	if run.epochs != 0 {
		epochs = run.epochs
	}
	train, test, err := mnist.Default()
	if err != nil {
		return err
	}
	if run.subset > 0 {
		train, test = train.Subset(run.subset), test.Subset(run.subset)
	}
	xTrain, yTrain := mnistXY(train, r.shape)
	xTest, yTest := mnistXY(test, r.shape)

	m, err := r.compiled(run.seed)
	if err != nil {
		return err
	}
	res := &mnistResults{recipe: r, run: run, epochs: epochs, trainN: train.N, testN: test.N}
	if err := res.resume(m); err != nil {
		return err
	}
	res.summary, _ = m.Summary()
	fmt.Fprint(run.log, res.summary)

	epochStart := time.Now()
	log := nn.CallbackFuncs{
		EpochBegin: func(*nn.Sequential, int) { epochStart = time.Now() },
		BatchEnd: func(_ *nn.Sequential, epoch, batch int, logs nn.Logs) {
			if (batch+1)%50 == 0 {
				fmt.Fprintf(run.log, "  epoch %d, batch %d: %s (%.1fs)\n", epoch+1, batch+1, logs, time.Since(epochStart).Seconds())
			}
		},
		EpochEnd: func(m *nn.Sequential, epoch int, logs nn.Logs) {
			row := fmt.Sprintf("| %d | %.4f | %.4f | %.4f | %.2f%% | %.1f |", epoch+1, logs["loss"], logs["accuracy"],
				logs["val_loss"], 100*logs["val_accuracy"], time.Since(epochStart).Seconds())
			fmt.Fprintln(run.log, row)
			res.rows = append(res.rows, row)
			if err := res.save(m); err != nil {
				fmt.Fprintln(run.log, "recipes:", err)
				m.Stop()
				res.err = err
			}
		},
	}
	_, err = m.Fit(xTrain, yTrain, nn.FitConfig{
		Epochs: epochs, BatchSize: r.batchSize, Resume: true,
		ValidationData: &nn.Dataset{X: xTest, Y: yTest},
		Callbacks:      []nn.Callback{log},
	})
	if err == nil {
		err = res.err
	}
	if err != nil {
		return err
	}
	if err := res.write(); err != nil {
		return err
	}
	fmt.Fprintf(run.log, "final test accuracy %s, %d epochs in %s; wrote %s\n", res.final(), len(res.rows), res.wall().Round(time.Second), res.path())
	return nil
}

// compiled returns the recipe's model, seeded, built and compiled.
func (r mnistRecipe) compiled(seed uint64) (*nn.Sequential, error) {
	m := r.model()
	m.SetSeed(seed)
	if err := m.Build(); err != nil {
		return nil, err
	}
	loss, err := losses.Get("categorical_crossentropy")
	if err != nil {
		return nil, err
	}
	return m, m.Compile(r.optimizer(), loss, "accuracy")
}

// mnistXY turns a MNIST set into x (N, shape…) and one-hot y (N, 10).
func mnistXY(s *mnist.Set, shape []int) (x, y *tensor.Tensor) {
	return tensor.From(s.Images, append([]int{s.N}, shape...)...), tensor.From(s.OneHot(), s.N, 10)
}

// mnistResults is the results file of a run in progress: one row per epoch
// done, those of earlier processes included when the run resumed.
type mnistResults struct {
	recipe        mnistRecipe
	run           mnistRun
	epochs        int
	trainN, testN int
	summary       string
	rows          []string
	resumedAt     []int // the epochs done at each resume, in order
	err           error // of saving, which stops training
}

// path is the results file.
func (res *mnistResults) path() string {
	if res.run.out != "" {
		return res.run.out
	}
	return filepath.Join("results", res.recipe.name+".md")
}

// resume loads the checkpoint into m when the file exists, and takes the
// rows of the epochs it holds from the results file.
func (res *mnistResults) resume(m *nn.Sequential) error {
	if res.run.checkpoint == "" {
		return nil
	}
	f, err := os.Open(res.run.checkpoint)
	if errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(res.run.log, "no checkpoint at %s yet: starting afresh, saving there after every epoch\n", res.run.checkpoint)
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	if err := m.LoadCheckpoint(bufio.NewReader(f)); err != nil {
		return fmt.Errorf("%s: %w (delete the file to start afresh)", res.run.checkpoint, err)
	}
	done, _ := m.TrainingPosition()
	res.rows = epochRows(res.path(), done)
	res.resumedAt = append(earlierResumes(res.path()), done)
	fmt.Fprintf(res.run.log, "resuming from %s: %d of %d epochs done (the checkpoint's generator state replaces -seed); %d earlier rows kept from %s\n",
		res.run.checkpoint, done, res.epochs, len(res.rows), res.path())
	if len(res.rows) < done {
		fmt.Fprintf(res.run.log, "warning: %s holds %d of the %d rows; the missing epochs will lack a row\n", res.path(), len(res.rows), done)
	}
	return nil
}

// save writes the results file, then the checkpoint, each atomically:
// written under a temporary name in the same directory, then renamed. A
// crash between the two leaves rows beyond the checkpoint, which resume
// drops.
func (res *mnistResults) save(m *nn.Sequential) error {
	if err := res.write(); err != nil {
		return err
	}
	if res.run.checkpoint == "" {
		return nil
	}
	return writeAtomically(res.run.checkpoint, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		if err := m.SaveCheckpoint(bw); err != nil {
			return err
		}
		return bw.Flush()
	})
}

// write writes the results file with the rows so far.
func (res *mnistResults) write() error {
	r := res.recipe
	var b strings.Builder
	images := fmt.Sprintf("all %d training images; test accuracy on the %d test images", res.trainN, res.testN)
	if res.run.subset > 0 {
		images = fmt.Sprintf("the first %d training images only (-subset); test accuracy on the first %d test images", res.trainN, res.testN)
	}
	fmt.Fprintf(&b, "# %s\n\n%s %d epochs on %s.\n\n", r.name, r.about, res.epochs, images)
	fmt.Fprintf(&b, "Made by `%s` on %s/%s, %d CPUs, %s, %s.\n\n",
		res.command(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), time.Now().UTC().Format("2006-01-02"))
	for _, done := range res.resumedAt {
		fmt.Fprintf(&b, resumedLine+" (bit for bit: docs/checkpoint.md).\n\n", done)
	}
	status := fmt.Sprintf("**Final test accuracy: %s** (%s).", res.final(), r.keras)
	if len(res.rows) < res.epochs {
		status = fmt.Sprintf("**In progress: %d of %d epochs done; test accuracy %s** (%s).", len(res.rows), res.epochs, res.final(), r.keras)
	}
	fmt.Fprintf(&b, "%s Wall time: %s (the epochs' seconds added up).\n\n", status, res.wall().Round(time.Second))
	b.WriteString("| epoch | loss | accuracy | test loss | test accuracy | seconds |\n|---|---|---|---|---|---|\n")
	b.WriteString(strings.Join(res.rows, "\n") + "\n\n```\n" + res.summary + "```\n")
	out := res.path()
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	return writeAtomically(out, func(w io.Writer) error {
		_, err := io.WriteString(w, b.String())
		return err
	})
}

// command is the command line that makes this run.
func (res *mnistResults) command() string {
	c := fmt.Sprintf("go run ./cmd/recipes -seed %d", res.run.seed)
	if res.run.epochs != 0 {
		c += fmt.Sprintf(" -epochs %d", res.run.epochs)
	}
	if res.run.subset > 0 {
		c += fmt.Sprintf(" -subset %d", res.run.subset)
	}
	if res.run.checkpoint != "" {
		c += " -checkpoint " + res.run.checkpoint
	}
	return c + " " + res.recipe.name
}

// final is the last row's test accuracy, "-" before the first epoch.
func (res *mnistResults) final() string {
	if len(res.rows) == 0 {
		return "-"
	}
	return rowField(res.rows[len(res.rows)-1], 4)
}

// wall adds up the seconds of the rows.
func (res *mnistResults) wall() time.Duration {
	var s float64
	for _, row := range res.rows {
		v, _ := strconv.ParseFloat(rowField(row, 5), 64)
		s += v
	}
	return time.Duration(s * float64(time.Second))
}

// epochRows reads the table rows of epochs 1 to n from a results file, in
// order, stopping at the first missing one; none if there is no file.
func epochRows(path string, n int) []string {
	data, _ := os.ReadFile(path)
	var rows []string
	for line := range strings.Lines(string(data)) {
		line = strings.TrimRight(line, "\n")
		if len(rows) < n && rowField(line, 0) == strconv.Itoa(len(rows)+1) {
			rows = append(rows, line)
		}
	}
	return rows
}

// resumedLine starts the line of the results file that records a resume.
const resumedLine = "Resumed from the checkpoint after epoch %d"

// earlierResumes reads the resume lines of a results file.
func earlierResumes(path string) []int {
	data, _ := os.ReadFile(path)
	var done []int
	for line := range strings.Lines(string(data)) {
		var k int
		if _, err := fmt.Sscanf(line, resumedLine, &k); err == nil {
			done = append(done, k)
		}
	}
	return done
}

// rowField is field i (from 0) of a table row "| a | b | … |", or "".
func rowField(row string, i int) string {
	if !strings.HasPrefix(row, "| ") {
		return ""
	}
	fields := strings.Split(strings.Trim(row, "| "), " | ")
	if i >= len(fields) {
		return ""
	}
	return fields[i]
}

// writeAtomically writes a file through fill under a temporary name in its
// directory, syncs it, then renames it over path: a reader, or a run that
// crashed half-way, sees the old file or the new one, never a torn one.
func writeAtomically(path string, fill func(w io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	err = tmp.Chmod(0o644) // CreateTemp makes 0600; results are for everyone to read
	if err == nil {
		err = fill(tmp)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
