/* cxo_buffer: the public in-memory sink, over the library's growable buffer. */
#include "buf.h"
#include "alloc.h"

struct cxo_buffer {
	cxo__buf b;
};

CXO_API int cxo_buffer_new(cxo_buffer **out)
{
	if (!out)
		return cxo__err(CXO_EMISUSE, "cxo_buffer_new: out is NULL");
	*out = cxo__calloc(1, sizeof **out);
	return *out ? CXO_OK : CXO_ENOMEM;
}

CXO_API int cxo_buffer_write(void *ctx, const void *data, size_t len)
{
	cxo_buffer *buffer = ctx;
	if (!buffer || (!data && len))
		return cxo__err(CXO_EMISUSE, "cxo_buffer_write: %s is NULL", buffer ? "data" : "the buffer");
	return cxo__buf_add(&buffer->b, data, len) ? 1 : 0;
}

CXO_API const char *cxo_buffer_data(const cxo_buffer *buffer, size_t *len)
{
	if (len)
		*len = buffer ? buffer->b.len : 0;
	if (!buffer || !buffer->b.data)
		return "";
	return buffer->b.data;
}

CXO_API void cxo_buffer_free(cxo_buffer *buffer)
{
	if (!buffer)
		return;
	cxo__buf_fini(&buffer->b);
	cxo__free(buffer);
}
