package main

import "gonn/nn/inspect"

// confusionSpec is gonn_confusion_matrix's JSON argument: the true labels,
// and the predicted labels or a tensor of scores (N, classes) whose argmax
// per row gives them.
type confusionSpec struct {
	Truth   []int  `json:"truth"`
	Pred    *[]int `json:"pred"`
	Scores  int32  `json:"scores"`
	Classes int    `json:"classes"`
}

// ConfusionMatrix puts the confusion matrix cm[truth][pred] of the labels
// in the JSON argument in the result, as a JSON array of rows.
func (e *Engine) ConfusionMatrix(ptr uintptr, n int32) int32 {
	return e.guard("gonn_confusion_matrix", false, func() error {
		const op = "gonn_confusion_matrix"
		var s confusionSpec
		if err := e.strictJSON(op, ptr, n, &s, "truth, pred, scores, classes"); err != nil {
			return err
		}
		if (s.Pred == nil) == (s.Scores == 0) {
			return fail(statusBadArgument, "%s: give pred (labels) or scores (a tensor handle), one of them", op)
		}
		pred := []int{}
		if s.Pred != nil {
			pred = *s.Pred
		} else {
			scores, err := e.handles.tensor(op+": scores", s.Scores)
			if err != nil {
				return err
			}
			if scores.Rank() != 2 || scores.Shape[1] < 1 {
				return fail(statusShape, "%s: scores have shape %s: want (N, classes)", op, shapeString(scores.Shape))
			}
			if pred, err = inspect.Argmax(scores); err != nil {
				return err
			}
		}
		if len(s.Truth) != len(pred) {
			return fail(statusShape, "%s: %d true labels and %d predictions", op, len(s.Truth), len(pred))
		}
		cm, err := inspect.ConfusionMatrix(s.Truth, pred, s.Classes)
		if err != nil {
			return withCode(statusBadArgument, err)
		}
		return e.setJSON(cm)
	})
}
