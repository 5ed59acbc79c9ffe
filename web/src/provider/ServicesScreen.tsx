// The provider's services: offer one, edit it, take it off the catalog and back. Prices are
// typed and shown in major units (taka) and stored in minor units (poisha): 1,500.50 → 150050.
import { Badge, Button, Group, Modal, NumberInput, Select, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { formatMoney } from '../app/format/money';
import { formatDuration } from '../app/format/time';
import { DataTable } from '../app/DataTable';
import { ServiceImages } from './ServiceImages';
import { CreateServiceDocument, ProviderServicesDocument, UpdateServiceDocument, type ProviderServiceFragment } from '../gql/graphql';

export const toMinor = (major: number) => Math.round(major * 100);
export const toMajor = (minor: number) => minor / 100;

export function ServicesScreen({ providerId }: { providerId: string }) {
  const services = useQuery(ProviderServicesDocument, { variables: { providerId }, fetchPolicy: 'cache-and-network' });
  const [editing, setEditing] = useState<ProviderServiceFragment | 'new' | null>(null);
  const [update] = useMutation(UpdateServiceDocument);
  return (
    <Stack>
      <Group justify="space-between">
        <Text c="gray.7">Customers see active services in search and on your page.</Text>
        <Button onClick={() => setEditing('new')}>New service</Button>
      </Group>
      <DataTable
        label="Your services"
        query={services}
        items={services.data?.provider?.services.edges.map((e) => e.node)}
        itemKey={(s) => s.id}
        empty={{ title: 'No services yet', body: 'Offer your first service to start taking bookings.' }}
        columns={[
          { header: 'Service', cell: (s) => s.title },
          { header: 'Category', cell: (s) => s.category.name },
          { header: 'Price', cell: (s) => formatMoney(s.price) },
          {
            header: 'Length',
            cell: (s) => `${formatDuration(s.durationMinutes)}${s.bufferMinutes ? ` + ${s.bufferMinutes} min buffer` : ''}`,
          },
          { header: 'Booking', cell: (s) => (s.instantBooking ? <Badge>Instant</Badge> : 'On request') },
          {
            header: 'Listed',
            cell: (s) => (
              <Switch
                aria-label={`${s.title} listed`}
                checked={s.active}
                onChange={(e) => void update({ variables: { id: s.id, input: { active: e.currentTarget.checked } } })}
              />
            ),
          },
          {
            header: 'Actions',
            hiddenHeader: true,
            cell: (s) => (
              <Button size="xs" variant="default" onClick={() => setEditing(s)} aria-label={`Edit ${s.title}`}>
                Edit
              </Button>
            ),
          },
        ]}
      />
      <Modal
        opened={editing !== null}
        onClose={() => {
          setEditing(null);
          void services.refetch();
        }}
        title={editing === 'new' ? 'New service' : 'Edit service'}
        size="lg"
      >
        {editing !== null && (
          <Stack>
            <ServiceForm
              service={editing === 'new' ? null : editing}
              categories={services.data?.categories ?? []}
              onDone={() => {
                setEditing(null);
                void services.refetch();
              }}
            />
            {editing === 'new' ? (
              <Text size="sm" c="gray.7">
                List the service first, then add its photos.
              </Text>
            ) : (
              <ServiceImages serviceId={editing.id} title={editing.title} initial={editing.images} />
            )}
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

function ServiceForm({
  service,
  categories,
  onDone,
}: {
  service: ProviderServiceFragment | null;
  categories: { id: string; name: string }[];
  onDone: () => void;
}) {
  const [create, creating] = useMutation(CreateServiceDocument);
  const [update, updating] = useMutation(UpdateServiceDocument);
  const form = useForm({
    initialValues: {
      title: service?.title ?? '',
      description: service?.description ?? '',
      categoryId: service?.category.id ?? '',
      price: service ? toMajor(service.price.amount) : 0,
      durationMinutes: service?.durationMinutes ?? 60,
      bufferMinutes: service?.bufferMinutes ?? 0,
      instantBooking: service?.instantBooking ?? false,
      terms: service?.terms ?? '',
    },
    validate: {
      title: (v) => (v.trim().length < 3 ? 'At least 3 characters' : null),
      description: (v) => (v.trim().length < 10 ? 'At least 10 characters' : null),
      categoryId: (v) => (v ? null : 'Pick a category'),
      price: (v) => (v > 0 ? null : 'A price above zero'),
      durationMinutes: (v) => (v >= 15 && v <= 480 && v % 5 === 0 ? null : 'A multiple of 5 from 15 to 480'),
    },
  });
  const submit = form.onSubmit(async (v) => {
    const fields = {
      title: v.title,
      description: v.description,
      categoryId: v.categoryId,
      priceAmount: toMinor(v.price),
      durationMinutes: v.durationMinutes,
      bufferMinutes: v.bufferMinutes,
      instantBooking: v.instantBooking,
      terms: v.terms,
    };
    try {
      if (service) await update({ variables: { id: service.id, input: fields } });
      else await create({ variables: { input: fields } });
      notifications.show({ color: 'green', message: service ? 'Service saved' : 'Service listed' });
      onDone();
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not saved', message: e instanceof Error ? e.message : String(e) });
    }
  });
  return (
    <form onSubmit={submit}>
      <Stack>
        <TextInput label="Title" required {...form.getInputProps('title')} />
        <Textarea label="Description" required autosize minRows={3} {...form.getInputProps('description')} />
        <Select
          label="Category"
          required
          data={categories.map((c) => ({ value: c.id, label: c.name }))}
          {...form.getInputProps('categoryId')}
        />
        <Group grow>
          <NumberInput label="Price (৳)" required min={0} decimalScale={2} thousandSeparator="," {...form.getInputProps('price')} />
          <NumberInput label="Length (minutes)" required min={15} max={480} step={5} {...form.getInputProps('durationMinutes')} />
          <NumberInput label="Buffer after (minutes)" min={0} max={240} step={5} {...form.getInputProps('bufferMinutes')} />
        </Group>
        <Switch label="Instant booking (no request to answer)" {...form.getInputProps('instantBooking', { type: 'checkbox' })} />
        <Textarea label="Terms" autosize minRows={2} {...form.getInputProps('terms')} />
        <Button type="submit" loading={creating.loading || updating.loading}>
          {service ? 'Save service' : 'List service'}
        </Button>
      </Stack>
    </form>
  );
}
