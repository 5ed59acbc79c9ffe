// Who may change what in the catalog: a provider their own services, an admin any.
import { DomainError, notFound } from '../../domain-error';
import type { Db } from '../../infra/database';
import type { Viewer } from '../identity/viewer';
import { isUuid } from '../../shared/ids';
import type { ProviderRow, ServiceRow } from './catalog.rows';

export class CatalogAccess {
  constructor(private readonly prisma: Db) {}

  /** The viewer's own provider profile; FORBIDDEN for customers and anyone without one. */
  async ownProvider(viewer: Viewer): Promise<ProviderRow> {
    if (viewer.role === 'CUSTOMER') {
      throw new DomainError('FORBIDDEN', 'Only providers can offer services; become a provider first');
    }
    const provider = await this.prisma.providerProfile.findUnique({ where: { userId: viewer.userId } });
    if (!provider) throw new DomainError('FORBIDDEN', 'Set up your provider profile first (becomeProvider)');
    return provider;
  }

  /** A service the viewer may change: one of their own, or any for an admin. */
  async serviceToChange(viewer: Viewer, serviceId: string): Promise<ServiceRow> {
    const service = isUuid(serviceId) ? await this.prisma.service.findUnique({ where: { id: serviceId } }) : null;
    if (!service) throw notFound('That service');
    if (viewer.role === 'ADMIN') return service;
    const own = await this.prisma.providerProfile.findUnique({ where: { userId: viewer.userId }, select: { id: true } });
    if (own?.id !== service.providerId) throw new DomainError('FORBIDDEN', 'Only the provider who offers this service can change it');
    return service;
  }
}
