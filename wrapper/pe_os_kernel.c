// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel side of pe-loader's OS shim (pe-loader/pe_os.h): image memory
 * from the wrapper's executable-memory allocator, bookkeeping memory from
 * kvmalloc, randomness for the /GS cookie from the kernel's CRNG.
 */
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/slab.h>
#include "pe-loader/pe_os.h"
#include "wrapper/execmem.h"

void *pe_os_image_alloc(size_t size)
{
	return vpw_execmem_alloc(size);
}

int pe_os_image_protect(void *addr, size_t size, unsigned int prot)
{
	unsigned int mem = 0;

	if (prot & PE_PROT_READ)
		mem |= VPW_MEM_READ;
	if (prot & PE_PROT_WRITE)
		mem |= VPW_MEM_WRITE;
	if (prot & PE_PROT_EXEC)
		mem |= VPW_MEM_EXEC;
	return vpw_execmem_protect(addr, size, mem);
}

void pe_os_image_free(void *addr, size_t size)
{
	vpw_execmem_free(addr, size);
}

/* Tables (sections, imports) scale with the image: may exceed kmalloc's comfort. */
void *pe_os_zalloc(size_t size)
{
	return kvzalloc(size, GFP_KERNEL);
}

void pe_os_free(void *p)
{
	kvfree(p);
}

u64 pe_os_random(void)
{
	return get_random_u64();
}
