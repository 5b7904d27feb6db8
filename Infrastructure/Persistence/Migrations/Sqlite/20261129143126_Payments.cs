using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace CivilAffairs.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Payments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "BackPayAmount",
                table: "PaymentMonths",
                type: "TEXT",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "ClosedBy",
                table: "PaymentMonths",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ComputedAtChange",
                table: "PaymentMonths",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateTime>(
                name: "ComputedAtUtc",
                table: "PaymentMonths",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ComputedBy",
                table: "PaymentMonths",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LineCount",
                table: "PaymentMonths",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<decimal>(
                name: "PaidAmount",
                table: "PaymentMonths",
                type: "TEXT",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "RecoveryAmount",
                table: "PaymentMonths",
                type: "TEXT",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.CreateTable(
                name: "BankBatches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JurisdictionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    ReissueOfBatchId = table.Column<int>(type: "INTEGER", nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    ControlCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ControlTotalFen = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    ExportedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExportedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReturnedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReturnedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BankBatches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ChangeCounters",
                columns: table => new
                {
                    Topic = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChangeCounters", x => x.Topic);
                });

            migrationBuilder.CreateTable(
                name: "PaymentLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JurisdictionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    ForMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    HouseholdId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    EnrollmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    VariantCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Programme = table.Column<int>(type: "INTEGER", nullable: false),
                    TownshipId = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    PreviousAmountFen = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: true),
                    StandardId = table.Column<int>(type: "INTEGER", nullable: true),
                    Reason = table.Column<int>(type: "INTEGER", nullable: false),
                    Flags = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonCount = table.Column<int>(type: "INTEGER", nullable: false),
                    TemporaryAssistanceId = table.Column<int>(type: "INTEGER", nullable: true),
                    RecoveryId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentLines", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PaymentSummaries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JurisdictionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    TownshipId = table.Column<int>(type: "INTEGER", nullable: false),
                    VariantCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Households = table.Column<int>(type: "INTEGER", nullable: false),
                    Persons = table.Column<int>(type: "INTEGER", nullable: false),
                    Female = table.Column<int>(type: "INTEGER", nullable: false),
                    Elderly = table.Column<int>(type: "INTEGER", nullable: false),
                    Minors = table.Column<int>(type: "INTEGER", nullable: false),
                    Disabled = table.Column<int>(type: "INTEGER", nullable: false),
                    Cases = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    BackPayFen = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    RecoveryFen = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    NewHouseholds = table.Column<int>(type: "INTEGER", nullable: false),
                    NewPersons = table.Column<int>(type: "INTEGER", nullable: false),
                    StoppedHouseholds = table.Column<int>(type: "INTEGER", nullable: false),
                    StoppedPersons = table.Column<int>(type: "INTEGER", nullable: false),
                    NewAmountFen = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    StoppedAmountFen = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    TierChangeDeltaFen = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    StandardChangeDeltaFen = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentSummaries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Recoveries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JurisdictionId = table.Column<int>(type: "INTEGER", nullable: false),
                    HouseholdId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    Programme = table.Column<int>(type: "INTEGER", nullable: false),
                    VariantCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DetectedMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    FromMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    ToMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    Months = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ResolvedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Recoveries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetroactiveChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JurisdictionId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    HouseholdId = table.Column<int>(type: "INTEGER", nullable: true),
                    VariantCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetroactiveChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TemporaryAssistance",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JurisdictionId = table.Column<int>(type: "INTEGER", nullable: false),
                    HouseholdId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    Persons = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ApprovalNumber = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TemporaryAssistance", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BankPayments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BatchId = table.Column<int>(type: "INTEGER", nullable: false),
                    HouseholdId = table.Column<int>(type: "INTEGER", nullable: false),
                    PayeeName = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    PayeePersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    Account = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    FailureReason = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReissueOfPaymentId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BankPayments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BankPayments_BankBatches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "BankBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "ChangeCounters",
                columns: new[] { "Topic", "Value" },
                values: new object[,]
                {
                    { 1, 0L },
                    { 2, 0L },
                    { 3, 0L },
                    { 4, 0L }
                });

            migrationBuilder.CreateIndex(
                name: "IX_BankBatches_JurisdictionId_Month",
                table: "BankBatches",
                columns: new[] { "JurisdictionId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_BankPayments_BatchId",
                table: "BankPayments",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_BankPayments_HouseholdId",
                table: "BankPayments",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentLines_HouseholdId_Month",
                table: "PaymentLines",
                columns: new[] { "HouseholdId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_PaymentLines_JurisdictionId_ForMonth_PersonId",
                table: "PaymentLines",
                columns: new[] { "JurisdictionId", "ForMonth", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_PaymentLines_JurisdictionId_Month",
                table: "PaymentLines",
                columns: new[] { "JurisdictionId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_PaymentSummaries_JurisdictionId_Month_TownshipId_VariantCode",
                table: "PaymentSummaries",
                columns: new[] { "JurisdictionId", "Month", "TownshipId", "VariantCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Recoveries_HouseholdId",
                table: "Recoveries",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_Recoveries_JurisdictionId_DetectedMonth",
                table: "Recoveries",
                columns: new[] { "JurisdictionId", "DetectedMonth" });

            migrationBuilder.CreateIndex(
                name: "IX_Recoveries_JurisdictionId_State",
                table: "Recoveries",
                columns: new[] { "JurisdictionId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_RetroactiveChanges_JurisdictionId",
                table: "RetroactiveChanges",
                column: "JurisdictionId");

            migrationBuilder.CreateIndex(
                name: "IX_TemporaryAssistance_HouseholdId",
                table: "TemporaryAssistance",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_TemporaryAssistance_JurisdictionId_Month",
                table: "TemporaryAssistance",
                columns: new[] { "JurisdictionId", "Month" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BankPayments");

            migrationBuilder.DropTable(
                name: "ChangeCounters");

            migrationBuilder.DropTable(
                name: "PaymentLines");

            migrationBuilder.DropTable(
                name: "PaymentSummaries");

            migrationBuilder.DropTable(
                name: "Recoveries");

            migrationBuilder.DropTable(
                name: "RetroactiveChanges");

            migrationBuilder.DropTable(
                name: "TemporaryAssistance");

            migrationBuilder.DropTable(
                name: "BankBatches");

            migrationBuilder.DropColumn(
                name: "BackPayAmount",
                table: "PaymentMonths");

            migrationBuilder.DropColumn(
                name: "ClosedBy",
                table: "PaymentMonths");

            migrationBuilder.DropColumn(
                name: "ComputedAtChange",
                table: "PaymentMonths");

            migrationBuilder.DropColumn(
                name: "ComputedAtUtc",
                table: "PaymentMonths");

            migrationBuilder.DropColumn(
                name: "ComputedBy",
                table: "PaymentMonths");

            migrationBuilder.DropColumn(
                name: "LineCount",
                table: "PaymentMonths");

            migrationBuilder.DropColumn(
                name: "PaidAmount",
                table: "PaymentMonths");

            migrationBuilder.DropColumn(
                name: "RecoveryAmount",
                table: "PaymentMonths");
        }
    }
}
