// Service images: the browser uploads straight to the media store (Cloudinary, or this
// server's /media route) with parameters signed here for the provider's own folder; the
// API records a publicId only after the store confirms the asset is there, in that folder.
import { badInput, DomainError, notFound } from '../../domain-error';
import type { Db } from '../../infra/database';
import { userUploadsFolder, type MediaStore, type UploadSignature } from '../../infra/media/media-store';
import type { Viewer } from '../identity/viewer';
import type { CatalogAccess } from './catalog-access';
import type { CatalogCache } from './catalog-cache';
import { isUuid } from '../../shared/ids';
import { providerFolder, type ServiceRow } from './catalog.rows';

export const MAX_IMAGES_PER_SERVICE = 10;

export class ImagesService {
  constructor(
    private readonly prisma: Db,
    private readonly access: CatalogAccess,
    private readonly media: MediaStore,
    private readonly cache: CatalogCache,
  ) {}

  /** Signed upload parameters into the folder of the service's provider (or the viewer's own). */
  async createUpload(viewer: Viewer, serviceId: string | null, now = new Date()): Promise<UploadSignature> {
    const providerId = serviceId
      ? (await this.access.serviceToChange(viewer, serviceId)).providerId
      : (await this.access.ownProvider(viewer)).id;
    return this.media.signUpload({ folder: providerFolder(providerId), now });
  }

  /** Signed upload parameters into the viewer's own folder (an avatar for updateProfile). */
  createAvatarUpload(viewer: Viewer, now = new Date()): UploadSignature {
    return this.media.signUpload({ folder: userUploadsFolder(viewer.userId), now });
  }

  async addImage(viewer: Viewer, serviceId: string, publicId: string): Promise<ServiceRow> {
    const service = await this.access.serviceToChange(viewer, serviceId);
    const id = publicId.trim();
    if (!(await this.media.verifyAsset(id, providerFolder(service.providerId)))) {
      throw badInput('publicId', "publicId: no such image in this provider's uploads; upload it with createImageUpload first");
    }
    const images = await this.prisma.serviceImage.findMany({
      where: { serviceId: service.id },
      select: { publicId: true, position: true },
    });
    if (images.some((i) => i.publicId === id)) return service;
    if (images.length >= MAX_IMAGES_PER_SERVICE) {
      throw new DomainError('BAD_USER_INPUT', `A service can show at most ${MAX_IMAGES_PER_SERVICE} images; remove one first`, {
        field: 'publicId',
      });
    }
    const position = Math.max(-1, ...images.map((i) => i.position)) + 1;
    await this.prisma.serviceImage.create({ data: { serviceId: service.id, publicId: id, position } });
    await this.cache.invalidate();
    return service;
  }

  /** Takes the image off the service; the asset itself stays in the store. */
  async removeImage(viewer: Viewer, serviceId: string, imageId: string): Promise<ServiceRow> {
    const service = await this.access.serviceToChange(viewer, serviceId);
    const removed = isUuid(imageId)
      ? await this.prisma.serviceImage.deleteMany({ where: { id: imageId, serviceId: service.id } })
      : { count: 0 };
    if (removed.count === 0) throw notFound('That image of this service');
    await this.cache.invalidate();
    return service;
  }

  /** Shows the service's images in this order; the list names each of them exactly once. */
  async reorderImages(viewer: Viewer, serviceId: string, imageIds: readonly string[]): Promise<ServiceRow> {
    const service = await this.access.serviceToChange(viewer, serviceId);
    const images = await this.prisma.serviceImage.findMany({ where: { serviceId: service.id }, select: { id: true } });
    const current = new Set(images.map((i) => i.id));
    const named = new Set(imageIds);
    if (named.size !== imageIds.length || named.size !== current.size || imageIds.some((id) => !current.has(id))) {
      throw badInput('imageIds', 'imageIds: name each image of this service exactly once, in the order to show them');
    }
    await this.prisma.$transaction(async (tx) => {
      for (const [position, id] of imageIds.entries()) await tx.serviceImage.update({ where: { id }, data: { position } });
    });
    await this.cache.invalidate();
    return service;
  }
}
