enum LessonReport {}
