/* fuzz_forms.c - the wizard's step-file loader (src/forms.h).
 *
 * forms_load_file reads a path, so the input goes into a memfd, reached as
 * /proc/self/fd/N.  Properties: the loader returns 0, or -1 with a message;
 * whatever was loaded can be freed; a loaded step has an id and fields with
 * paths, labels and a known widget. */
#include "config.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "src/err.h"
#include "src/forms.h"
#include "tests/fuzz/fuzz.h"

static int memfd = -1;
static char path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (memfd < 0) {
        memfd = memfd_create("fuzz-step.yaml", MFD_CLOEXEC);
        FUZZ_ASSERT(memfd >= 0, "memfd_create failed");
        snprintf(path, sizeof path, "/proc/self/fd/%d", memfd);
    }
    FUZZ_ASSERT(ftruncate(memfd, 0) == 0, "ftruncate");
    FUZZ_ASSERT(pwrite(memfd, data, size, 0) == (ssize_t)size, "pwrite");

    struct forms f = {0};
    struct err e;
    int r = forms_load_file(&f, path, &e);
    if (r < 0) {
        FUZZ_ASSERT(e.msg[0], "a refusal without a message");
    } else {
        FUZZ_ASSERT(f.nsteps == 1, "one file, %zu steps", f.nsteps);
        const struct forms_step *s = &f.steps[0];
        for (size_t i = 0; i < s->nfields; i++) {
            const struct forms_field *fl = &s->fields[i];
            FUZZ_ASSERT(fl->path && fl->label, "field %zu lacks a path or label", i);
            FUZZ_ASSERT(forms_widget_name(fl->widget) != NULL, "field %zu has an unnamed widget", i);
            for (size_t k = 0; k < fl->nfields; k++)
                FUZZ_ASSERT(fl->fields[k].path, "sub-field %zu of %zu lacks a path", k, i);
            (void)forms_field_required(fl, FORMS_ALL);
        }
    }
    forms_free(&f);
    return 0;
}
